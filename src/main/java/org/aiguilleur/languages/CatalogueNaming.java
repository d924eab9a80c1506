package org.aiguilleur.languages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aiguilleur.flow.LanguageNaming;

/** The catalogue's names, for the engine: spoken language names and recogniser hints. Immutable. */
public final class CatalogueNaming implements LanguageNaming {
    private final LanguageCatalogue catalogue;
    private final Map<String, List<String>> spoken;

    public CatalogueNaming(LanguageCatalogue catalogue) {
        this.catalogue = catalogue;
        Map<String, List<String>> m = new LinkedHashMap<>();
        catalogue.all().forEach(l -> m.put(l.code(), l.names()));
        this.spoken = java.util.Collections.unmodifiableMap(m);
    }

    @Override
    public Map<String, List<String>> spokenNames() {
        return spoken;
    }

    @Override
    public List<String> hintNames(String tag) {
        return catalogue.find(tag).map(l -> {
            List<String> out = new ArrayList<>(2);
            l.autonym().ifPresent(out::add);
            if (!out.contains(l.english())) {
                out.add(l.english());
            }
            return List.copyOf(out);
        }).orElse(List.of());
    }
}
