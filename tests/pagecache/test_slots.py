"""Values left out of a kept part are markers in it, filled in with the values of now."""

from pagecache import fill_slots, leaving, leaving_slots, slot, slots_in


def test_outside_leaving_slots_a_value_is_made_at_once():
    assert slot("comment-count", 12, "/a/") is None
    assert not leaving("comment-count")


def test_a_part_made_leaving_slots_holds_markers_filled_in_later():
    with leaving_slots():
        first, second = slot("comment-count", 1, "/a/"), slot("comment-count", 2, "/b/")
        part = f"<li>A{first}</li><li>B{second}</li>"

    assert slots_in(part, "comment-count") == [("1", "/a/"), ("2", "/b/")]
    filled = fill_slots(part, "comment-count", {("1", "/a/"): "(3)", ("2", "/b/"): "(0)"})
    assert filled == "<li>A(3)</li><li>B(0)</li>"


def test_only_the_names_given_are_left_out():
    with leaving_slots("comment-count"):
        assert leaving("comment-count")
        assert slot("reading-time", 1) is None
    assert not leaving("comment-count")


def test_a_marker_of_another_name_is_left_alone():
    with leaving_slots():
        part = slot("comment-count", 1) + slot("other", 1)

    assert slots_in(part, "comment-count") == [("1",)]
    assert fill_slots(part, "comment-count", {("1",): "x"}) == "x" + slot_text("other", 1)


def slot_text(name, value):
    with leaving_slots():
        return slot(name, value)
