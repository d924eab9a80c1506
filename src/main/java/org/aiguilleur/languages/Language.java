package org.aiguilleur.languages;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One language of the catalogue.
 *
 * @param code    its ISO 639 code: the two-letter 639-1 code where there is one, else 639-3 ({@code yue})
 * @param autonym its name in itself ({@code 粵語}, {@code Soomaali}), when ICU has the language's own data
 * @param english its English name
 * @param french  its French name
 */
public record Language(String code, Optional<String> autonym, String english, String french) {
    public Language {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(autonym, "autonym");
        Objects.requireNonNull(english, "english");
        Objects.requireNonNull(french, "french");
    }

    /** The name a caller of this language would recognise: the autonym, else the English name. */
    public String ownName() {
        return autonym.orElse(english);
    }

    /** Every distinct name: autonym, English, French. */
    public List<String> names() {
        List<String> out = new ArrayList<>(3);
        autonym.ifPresent(out::add);
        for (String n : List.of(english, french)) {
            if (out.stream().noneMatch(n::equalsIgnoreCase)) {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }

    /** The name to say to someone speaking {@code tag}: French for {@code fr*}, English otherwise. */
    public String nameFor(String tag) {
        return tag != null && (tag.equals("fr") || tag.startsWith("fr-")) ? french : english;
    }
}
