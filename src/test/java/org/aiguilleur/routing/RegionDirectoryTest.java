package org.aiguilleur.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.aiguilleur.routing.RegionDirectory.NumberLocation;
import org.aiguilleur.routing.RegionDirectory.PostalLocation;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Regions from exchanges and postal codes, on the shipped Québec reference tables. */
class RegionDirectoryTest {
    private final RegionDirectory dir = Fixtures.shipped().regions();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "4185230100, capitale-nationale",
        "5145550100, montreal",
        "4382400100, monteregie",
        "2632000100, monteregie",
        "4503720100, estrie",
        "4683080100, outaouais",
        "6135750100, monteregie"})
    void locatesByExchange(String number, String region) {
        NumberLocation loc = dir.locate(CallerNumber.parse(number));
        assertEquals(region, assertInstanceOf(NumberLocation.Found.class, loc).region().id());
    }

    @Test
    void unlistedExchange_outsideMontreal_givesTheAreaCodesRegions() {
        NumberLocation.NotFound nf = assertInstanceOf(NumberLocation.NotFound.class,
                dir.locate(CallerNumber.parse("4185550100")));
        assertTrue(nf.areaRegions().contains("capitale-nationale"));
        assertTrue(!nf.areaRegions().contains("montreal"));
        NumberLocation.NotFound overlay = assertInstanceOf(NumberLocation.NotFound.class,
                dir.locate(CallerNumber.parse("3675550100")));
        assertEquals(nf.areaRegions(), overlay.areaRegions(), "367 is an overlay of 418");
    }

    @Test
    void outOfProvince_givesNoRegionsToPrefer() {
        NumberLocation.NotFound nf = assertInstanceOf(NumberLocation.NotFound.class,
                dir.locate(CallerNumber.parse("+14165550100")));
        assertEquals(Set.of(), nf.areaRegions());
    }

    @Test
    void keypadGroups_mapLettersToKeys() {
        assertEquals("429", Keypad.keysOf("H2X"));
        assertEquals("515", Keypad.keysOf("j1k"));
        assertEquals(List.of("H2W", "H2X", "H2Y", "H2Z"), dir.fsasForKeys("429"));
    }

    @Test
    void keysOfOneRegion_areUnique() {
        assertEquals("montreal", assertInstanceOf(PostalLocation.Unique.class, dir.locateKeys("429", Set.of())).region().id());
    }

    @Test
    void ambiguousKeys_listTheRegions() {
        PostalLocation.Ambiguous a = assertInstanceOf(PostalLocation.Ambiguous.class, dir.locateKeys("409", Set.of()));
        assertEquals(4, a.regions().size(), a.regions().toString());
    }

    @Test
    void ambiguousKeys_areResolvedByTheAreaCode() {
        PostalLocation p = dir.locateKeys("412", Set.of("capitale-nationale", "chaudiere-appalaches"));
        assertEquals("capitale-nationale", assertInstanceOf(PostalLocation.Unique.class, p).region().id());
    }

    @Test
    void areaCodeHintThatNarrowsToSeveral_stillAsks() {
        PostalLocation p = dir.locateKeys("409", Set.of("saguenay-lac-saint-jean", "mauricie", "laval"));
        assertEquals(List.of("saguenay-lac-saint-jean", "mauricie"), assertInstanceOf(PostalLocation.Ambiguous.class, p)
                .regions().stream().map(Region::id).toList());
    }

    @Test
    void keysOfNoFsa_matchNothing() {
        assertInstanceOf(PostalLocation.NoMatch.class, dir.locateKeys("111", Set.of()));
        assertInstanceOf(PostalLocation.NoMatch.class, dir.locateKeys("4", Set.of()));
    }

    @Test
    void fsaInSpeech_findsTheFirstLetterDigitLetter() {
        assertEquals(Optional.of("H2X"), RegionDirectory.fsaInSpeech("h 2 x 1 y 4"));
        assertEquals(Optional.of("G5L"), RegionDirectory.fsaInSpeech("my code is G5L-2Z3"));
        assertEquals(Optional.empty(), RegionDirectory.fsaInSpeech("I don't know"));
    }
}
