"""gate.approval.decide: who stands behind the override label (GitHub's JSON shapes, no network)."""

from costgate.gate.approval import decide


def labeled(login, label="cost-approved"):
    return {"event": "labeled", "actor": {"login": login}, "label": {"name": label}}


def nobody(org, team, login):
    return False


def test_no_label_on_the_pr_is_no_approval_and_no_note():
    assert decide("cost-approved", ["alice"], ["bug"], [labeled("alice")], [], "h", nobody) == (
        decide(None, [], [], [], [], "", nobody)
    )
    assert not decide("cost-approved", ["alice"], ["bug"], [], [], "h", nobody).approved


def test_without_approvers_the_label_counts_and_the_note_says_how_to_restrict_it():
    approval = decide("cost-approved", [], ["cost-approved"], [], [], "h", nobody)
    assert approval.approved
    assert approval.note == "the cost-approved label approves; set approval.approvers to say who may add it"


def test_logins_match_without_case_or_the_at_sign():
    approval = decide("cost-approved", ["@Alice"], ["cost-approved"], [labeled("alice")], [], "h", nobody)
    assert approval.approved and approval.note == "approved: alice (Alice) added the cost-approved label"


def test_another_labels_event_and_a_dismissed_review_do_not_count():
    events = [labeled("alice", "other"), labeled("mallory")]
    reviews = [
        {"user": {"login": "alice"}, "state": "APPROVED", "commit_id": "h"},
        {"user": {"login": "alice"}, "state": "COMMENTED", "commit_id": "h"},  # a comment changes nothing
        {"user": {"login": "alice"}, "state": "DISMISSED", "commit_id": "h"},
    ]
    approval = decide("cost-approved", ["alice"], ["cost-approved"], events, reviews, "h", nobody)
    assert not approval.approved and "added by mallory, who is not an approver" in approval.note


def test_an_unreadable_team_is_said_once_per_login():
    def unreadable(org, team, login):
        return "HTTP 403"

    reviews = [{"user": {"login": "bob"}, "state": "APPROVED", "commit_id": "h"}]
    approval = decide(
        "cost-approved", ["@acme/finops"], ["cost-approved"], [labeled("bob")], reviews, "h", unreadable
    )
    assert not approval.approved
    assert approval.note.endswith("; cannot tell whether bob is in team acme/finops (HTTP 403)")
    assert approval.note.count("cannot tell") == 1


def test_no_labeled_event_seen():
    approval = decide("cost-approved", ["alice"], ["cost-approved"], [], [], "h", nobody)
    assert approval.note.startswith("the cost-approved label was added by someone costgate cannot see")
