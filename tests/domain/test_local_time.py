from followup_tui.domain.local_time import primary_zone, zone_of
from followup_tui.domain.models import Prospect


def test_alaska_numbers_ring_in_anchorage_not_adak():
    assert primary_zone(("America/Adak", "America/Anchorage")) == "America/Anchorage"


def test_only_minor_zones_still_give_a_zone():
    assert primary_zone(("America/Adak",)) == "America/Adak"
    assert primary_zone(()) is None


def test_a_zone_the_rep_set_wins():
    prospect = Prospect(id=1, name="x", timezone="Europe/Paris", phone_zones=("Europe/London",))
    assert zone_of(prospect) == "Europe/Paris"
    assert zone_of(Prospect(id=2, name="y")) is None
