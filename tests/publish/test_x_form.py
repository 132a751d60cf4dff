"""The X form: each article's front-matter choice (`social.x_form`), unless the command line
says otherwise for every article."""

from __future__ import annotations

from tests.publish.fixtures import Project


def test_an_article_that_asks_for_a_single_post_gets_one(publish, project: Project, x_api):
    project.build(social={"first-piece": 3}, x_forms={"first-piece": "single"})
    run = publish(channels=("x",))
    assert run.ok, run.text
    assert x_api.texts() == ["first-piece: the single post."]


def test_without_a_choice_the_thread_is_posted(publish, project: Project, x_api):
    project.build(social={"first-piece": 2})
    assert publish(channels=("x",)).ok
    assert len(x_api.texts()) == 2


def test_the_command_line_overrides_every_article(publish, project: Project, x_api):
    project.build(social={"first-piece": 3}, x_forms={"first-piece": "single"})
    assert publish(channels=("x",), x_form="thread").ok
    assert len(x_api.texts()) == 3
