"""Publishers, at the edge: X (tweepy), Bluesky (atproto), Mastodon (Mastodon.py), LinkedIn
(httpx) and email (SMTP), each client imported only by its own module (x.py, bluesky.py,
mastodon.py, linkedin.py, email.py).

dist.py         what the build left to publish (manifest, message.eml, social JSON)
plan.py         what to do with it: pure, from dist/, content/, the ledger and the clock
runner.py       doing it: intent, send, receipt, per step, per channel, with retries
credentials.py  credentials from the environment and the redactor that hides them
run.py          one publish run, wiring the above (what `pipeline publish` calls)
"""
