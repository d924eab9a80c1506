package org.aiguilleur.translate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.aiguilleur.config.PromptStore;

/** What each language has of the source language's prompts: human, machine, reviewed, missing. */
public final class CatalogStatus {

    /**
     * One language.
     *
     * @param origins machine texts by origin ({@code google-v3}, {@code hand-drafted})
     * @param missing ids of the source that the language lacks
     * @param stale   ids whose source text changed since they were translated ({@code from})
     */
    public record Row(String language, int human, int machine, int reviewed, int unreviewed,
                      Map<String, Integer> origins, List<String> missing, List<String> stale) {
    }

    private CatalogStatus() {
    }

    /** Rows for the source first, then the other languages in order of their tag. */
    public static List<Row> of(PromptStore store, String source) {
        List<String> langs = new ArrayList<>(store.languages());
        langs.sort((a, b) -> a.equals(source) ? -1 : b.equals(source) ? 1 : a.compareTo(b));
        List<Row> rows = new ArrayList<>();
        for (String lang : langs) {
            int human = 0;
            int machine = 0;
            int reviewed = 0;
            Map<String, Integer> origins = new TreeMap<>();
            for (PromptStore.Entry e : store.entries(lang).values()) {
                if (e.machine()) {
                    machine++;
                    origins.merge(e.origin().isEmpty() ? "unsaid" : e.origin(), 1, Integer::sum);
                } else {
                    human++;
                }
                if (e.reviewed()) {
                    reviewed++;
                }
            }
            List<String> missing = store.entries(source).keySet().stream()
                    .filter(id -> !store.entries(lang).containsKey(id)).toList();
            List<String> stale = store.entries(lang).entrySet().stream()
                    .filter(e -> !e.getValue().from().isEmpty() && store.entries(source).containsKey(e.getKey())
                            && !e.getValue().from().equals(PromptStore.fingerprint(store.entries(source).get(e.getKey()).text())))
                    .map(Map.Entry::getKey).toList();
            rows.add(new Row(lang, human, machine, reviewed, human + machine - reviewed, origins, missing, stale));
        }
        return rows;
    }
}
