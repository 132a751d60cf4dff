"""Publishers, at the edge: X (tweepy, only in x.py) and email delivery (SMTP, email.py).

dist.py         what the build left to publish (manifest, message.eml, social JSON)
plan.py         what to do with it: pure, from dist/, content/, the ledger and the clock
runner.py       doing it: intent, send, receipt, per step, per channel, with retries
credentials.py  credentials from the environment and the redactor that hides them
run.py          one publish run, wiring the above (what `pipeline publish` calls)
"""
