package org.aiguilleur.flow;

import java.util.List;
import java.util.Map;

/**
 * Names of languages, for the engine to recognise a language named in speech and to give a
 * recogniser hints. Implementations are immutable; the configuration supplies the language
 * catalogue's names, and {@link #JDK} (the JDK's locale data) serves an engine built without one.
 */
public interface LanguageNaming {
    /** The JDK's names of the ISO 639-1 languages. */
    LanguageNaming JDK = new JdkLanguageNaming();

    /** Each language code with every name a caller may say for it (own name, English, French). */
    Map<String, List<String>> spokenNames();

    /** Names a recogniser should expect for a language tag: its own name, then its English name. */
    List<String> hintNames(String tag);
}
