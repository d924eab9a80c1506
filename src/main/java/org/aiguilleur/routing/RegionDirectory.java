package org.aiguilleur.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a caller's region from the exchange of their number, or from the first three characters of
 * their postal code (an FSA) as keyed on the keypad or spoken.
 *
 * <p>Immutable and safe to share between calls; built once per configuration.
 */
public final class RegionDirectory {

    /** Where a caller number puts the caller. */
    public sealed interface NumberLocation {
        /** The exchange (or the area code's default) names a region. */
        record Found(Region region) implements NumberLocation {
        }

        /**
         * The number gives no region. {@code areaRegions} are the regions served by the caller's
         * area code (empty when there is no usable Québec area code); they break ties between
         * postal codes later.
         */
        record NotFound(CallerNumber.Kind kind, Set<String> areaRegions) implements NumberLocation {
        }
    }

    /** What a keyed or spoken postal code gives. */
    public sealed interface PostalLocation {
        /** Every matching FSA lies in one region (or area-code hints chose one). */
        record Unique(Region region) implements PostalLocation {
        }

        /** The keys fit FSAs of several regions: ask the caller, in this order. */
        record Ambiguous(List<Region> regions) implements PostalLocation {
        }

        /** No Québec FSA fits. */
        record NoMatch() implements PostalLocation {
        }
    }

    private final Map<String, Region> regionsById;
    private final Map<String, String> exchangeRegion;
    private final Map<String, String> areaCodeDefaults;
    private final Map<String, Set<String>> areaCodeRegions;
    private final Map<String, String> fsaRegion;
    private final Map<String, List<String>> fsasByKeys;

    /**
     * @param regions          every region, in a stable order
     * @param exchangeRegion   six-digit NPA-NXX to region id
     * @param areaCodeDefaults region id for area codes whose unlisted exchanges still name a region
     *                         (514/438/263: Montréal)
     * @param overlays         area code to the id of its overlay complex (codes of one complex serve
     *                         the same territory); area codes absent here stand alone
     * @param fsaRegion        FSA (upper case) to region id
     */
    public RegionDirectory(Collection<Region> regions, Map<String, String> exchangeRegion,
                           Map<String, String> areaCodeDefaults, Map<String, String> overlays,
                           Map<String, String> fsaRegion) {
        Map<String, Region> byId = new LinkedHashMap<>();
        for (Region r : regions) {
            byId.put(r.id(), r);
        }
        this.regionsById = Collections.unmodifiableMap(byId);
        this.exchangeRegion = Map.copyOf(exchangeRegion);
        this.areaCodeDefaults = Map.copyOf(areaCodeDefaults);
        this.fsaRegion = Map.copyOf(fsaRegion);

        Map<String, Set<String>> complexRegions = new HashMap<>();
        exchangeRegion.forEach((exchange, region) -> complexRegions
                .computeIfAbsent(overlays.getOrDefault(exchange.substring(0, 3), exchange.substring(0, 3)),
                        k -> new LinkedHashSet<>())
                .add(region));
        Map<String, Set<String>> npaRegions = new HashMap<>();
        for (String exchange : exchangeRegion.keySet()) {
            String npa = exchange.substring(0, 3);
            npaRegions.computeIfAbsent(npa, k -> Set.copyOf(
                    complexRegions.getOrDefault(overlays.getOrDefault(npa, npa), Set.of())));
        }
        overlays.forEach((npa, complex) -> npaRegions.putIfAbsent(npa,
                Set.copyOf(complexRegions.getOrDefault(complex, Set.of()))));
        this.areaCodeRegions = Map.copyOf(npaRegions);

        Map<String, List<String>> byKeys = new HashMap<>();
        fsaRegion.keySet().stream().sorted().forEach(fsa -> byKeys
                .computeIfAbsent(Keypad.keysOf(fsa), k -> new ArrayList<>()).add(fsa));
        byKeys.replaceAll((k, v) -> List.copyOf(v));
        this.fsasByKeys = Map.copyOf(byKeys);
    }

    /** All regions, in configuration order. */
    public Collection<Region> regions() {
        return regionsById.values();
    }

    public Optional<Region> region(String id) {
        return Optional.ofNullable(regionsById.get(id));
    }

    /** Where the caller's number puts them. */
    public NumberLocation locate(CallerNumber number) {
        Optional<String> exchange = number.exchange();
        if (exchange.isEmpty()) {
            return new NumberLocation.NotFound(number.kind(), Set.of());
        }
        String region = exchangeRegion.get(exchange.get());
        String npa = number.npa().orElseThrow();
        if (region == null) {
            region = areaCodeDefaults.get(npa);
        }
        if (region != null && regionsById.containsKey(region)) {
            return new NumberLocation.Found(regionsById.get(region));
        }
        return new NumberLocation.NotFound(number.kind(), areaCodeRegions.getOrDefault(npa, Set.of()));
    }

    /** The FSAs that a caller keying {@code keys} (three keypad digits) may mean, sorted. */
    public List<String> fsasForKeys(String keys) {
        return fsasByKeys.getOrDefault(keys, List.of());
    }

    /**
     * Resolves three keys of a postal code. When the FSAs that fit lie in several regions, those
     * consistent with {@code areaRegions} are preferred; if that leaves one region it wins.
     */
    public PostalLocation locateKeys(String keys, Set<String> areaRegions) {
        List<String> fsas = fsasForKeys(keys);
        // Regions ordered by how many of the fitting FSAs they hold: the likelier first.
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String fsa : fsas) {
            counts.merge(fsaRegion.get(fsa), 1, Integer::sum);
        }
        return resolve(counts, areaRegions);
    }

    /** Resolves an FSA that the caller said or typed as letters, e.g. {@code h2x}. */
    public PostalLocation locateFsa(String fsa) {
        String region = fsaRegion.get(fsa.toUpperCase(Locale.ROOT));
        return region == null ? new PostalLocation.NoMatch()
                : new PostalLocation.Unique(regionsById.get(region));
    }

    private PostalLocation resolve(Map<String, Integer> counts, Set<String> areaRegions) {
        if (counts.isEmpty()) {
            return new PostalLocation.NoMatch();
        }
        List<String> ordered = new ArrayList<>(counts.keySet());
        ordered.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a)));
        if (ordered.size() > 1 && !areaRegions.isEmpty()) {
            List<String> preferred = ordered.stream().filter(areaRegions::contains).toList();
            if (!preferred.isEmpty()) {
                ordered = preferred;
            }
        }
        if (ordered.size() == 1) {
            return new PostalLocation.Unique(regionsById.get(ordered.get(0)));
        }
        return new PostalLocation.Ambiguous(ordered.stream().map(regionsById::get).toList());
    }

    /**
     * Finds an FSA in recognised speech such as {@code "H2X 1Y4"} or {@code "h 2 x"}: the first
     * letter-digit-letter run once spaces and punctuation are removed.
     */
    public static Optional<String> fsaInSpeech(String text) {
        StringBuilder compact = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = Character.toUpperCase(text.charAt(i));
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                compact.append(c);
            }
        }
        for (int i = 0; i + 3 <= compact.length(); i++) {
            char a = compact.charAt(i);
            char b = compact.charAt(i + 1);
            char c = compact.charAt(i + 2);
            if (Character.isLetter(a) && Character.isDigit(b) && Character.isLetter(c)) {
                return Optional.of("" + a + b + c);
            }
        }
        return Optional.empty();
    }
}
