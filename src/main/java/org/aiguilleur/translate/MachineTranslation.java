package org.aiguilleur.translate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.config.PromptStore;
import org.aiguilleur.config.TranslationSettings;
import org.aiguilleur.routing.Centre;

/**
 * Fills the prompts a language lacks with machine translations, for review: the on-disk cache
 * first, then the API; each text is checked ({@link ProtectedText}) and written to
 * {@code prompts/<language>.yaml} as {@code source: machine, reviewed: false}. Texts that lost a
 * placeholder or protected term are reported and not written.
 */
public final class MachineTranslation {
    private static final int BATCH = 100;

    /** What happened to one language. */
    public record Result(String language, int added, int repaired, List<String> rejected) {
    }

    private final Configuration config;
    private final Translator translator;
    private final DiskCache disk;
    private final ProtectedText protect;

    public MachineTranslation(Configuration config, Translator translator, DiskCache disk) {
        this.config = config;
        this.translator = translator;
        this.disk = disk;
        TranslationSettings s = config.settings().translation();
        List<String> terms = new ArrayList<>(s.protectedTerms());
        config.centres().stream().map(Centre::name).forEach(terms::add);
        this.protect = new ProtectedText(terms);
    }

    /**
     * Translates what {@code language} lacks into {@code promptsDir/<language>.yaml}.
     *
     * @param report told about each repaired or rejected text
     */
    public Result fill(String language, Path promptsDir, PrintWriter report) throws IOException, TranslationException {
        TranslationSettings s = config.settings().translation();
        PromptStore store = config.prompts();
        Map<String, String> missing = new LinkedHashMap<>();
        store.entries(s.source()).forEach((id, e) -> {
            if (store.text(id, language).isEmpty() && !s.untranslated().contains(id)) {
                missing.put(id, e.text());
            }
        });
        Map<String, PromptStore.Entry> out = new LinkedHashMap<>();
        List<String> ask = new ArrayList<>();
        for (Map.Entry<String, String> m : missing.entrySet()) {
            Optional<DiskCache.Stored> d = disk.get(language, m.getValue());
            if (d.isPresent()) {
                out.put(m.getKey(), new PromptStore.Entry(d.get().text(), "machine", false, d.get().origin(),
                        PromptStore.fingerprint(m.getValue())));
            } else {
                ask.add(m.getKey());
            }
        }
        int repaired = 0;
        List<String> rejected = new ArrayList<>();
        for (int i = 0; i < ask.size(); i += BATCH) {
            List<String> ids = ask.subList(i, Math.min(ask.size(), i + BATCH));
            List<String> texts = translator.translate(ids.stream().map(id -> protect.mask(missing.get(id))).toList(),
                    TranslationService.primary(s.source()), language);
            for (int j = 0; j < ids.size(); j++) {
                String id = ids.get(j);
                ProtectedText.Outcome o = protect.unmask(texts.get(j), missing.get(id));
                if (!o.usable()) {
                    rejected.add(id);
                    report.println(language + ": " + id + ": rejected, " + o.note());
                    continue;
                }
                if (o.status() == ProtectedText.Status.REPAIRED) {
                    repaired++;
                    report.println(language + ": " + id + ": " + o.note() + " (check it when reviewing)");
                }
                disk.put(language, missing.get(id), o.text(), translator.origin());
                out.put(id, new PromptStore.Entry(o.text(), "machine", false, translator.origin(),
                        PromptStore.fingerprint(missing.get(id))));
            }
        }
        // In the source's order, whatever came from the cache or the API.
        Map<String, PromptStore.Entry> ordered = new LinkedHashMap<>();
        missing.keySet().stream().filter(out::containsKey).forEach(id -> ordered.put(id, out.get(id)));
        PromptFiles.append(promptsDir.resolve(language + ".yaml"), language, s.source(), ordered);
        return new Result(language, ordered.size(), repaired, rejected);
    }
}
