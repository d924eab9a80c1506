package org.aiguilleur.flow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@link LanguageNaming} from the JDK's locale data: English, French and own names of ISO 639-1 languages. */
final class JdkLanguageNaming implements LanguageNaming {
    private final Map<String, List<String>> names;

    JdkLanguageNaming() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String code : Locale.getISOLanguages()) {
            Locale l = Locale.forLanguageTag(code);
            List<String> n = new ArrayList<>();
            for (Locale in : List.of(Locale.ENGLISH, Locale.FRENCH, l)) {
                String name = l.getDisplayLanguage(in);
                if (name != null && !name.equalsIgnoreCase(code) && name.length() > 2) {
                    n.add(name);
                }
            }
            m.put(code, List.copyOf(n));
        }
        this.names = Map.copyOf(m);
    }

    @Override
    public Map<String, List<String>> spokenNames() {
        return names;
    }

    @Override
    public List<String> hintNames(String tag) {
        Locale l = Locale.forLanguageTag(tag);
        String own = l.getDisplayLanguage(l);
        String en = l.getDisplayLanguage(Locale.ENGLISH);
        List<String> hints = new ArrayList<>();
        if (!own.isBlank() && !own.equalsIgnoreCase(tag)) {
            hints.add(own);
        }
        if (!en.isBlank() && !en.equalsIgnoreCase(tag) && !en.equals(own)) {
            hints.add(en);
        }
        return hints;
    }
}
