package org.aiguilleur.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.aiguilleur.interpreter.BridgePrompts;
import org.aiguilleur.interpreter.DtmfTemplate;
import org.aiguilleur.interpreter.Interpreters;
import org.aiguilleur.interpreter.Provider;
import org.aiguilleur.interpreter.Secrets;
import org.aiguilleur.languages.LanguageCatalogue;

/**
 * Reads {@code interpreters.yaml}: the interpreter services in order, their DTMF templates,
 * language codes, time limits, and where their secrets come from. Secret values are looked up in
 * the environment, then in the optional {@code secrets-file} ({@code NAME=value} lines); they are
 * never written in the YAML and never shown in an error.
 */
final class InterpretersReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{6,14}");
    private static final Pattern VARIABLE = Pattern.compile("[A-Z][A-Z0-9_]*");
    private static final Duration MIN_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);
    private static final Set<String> PROVIDER_KEYS = Set.of("id", "name", "enabled", "number", "dtmf", "secrets",
            "identify", "languages", "connect-timeout", "attempts");

    private InterpretersReader() {
    }

    /**
     * @param base        the configuration folder (a relative {@code secrets-file} is read from there)
     * @param environment the process environment (tests pass their own)
     */
    static Interpreters read(Node root, Path base, Map<String, String> environment, LanguageCatalogue languages) {
        if (!root.keys(Set.of("secrets-file", "providers"))) {
            return Interpreters.NONE;
        }
        Optional<String> secretsFile = root.string("secrets-file", false);
        SecretSource secrets = new SecretSource(environment, secretsFile, base, root.child("secrets-file"));
        List<Provider> providers = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (Node p : root.list("providers", true)) {
            provider(p, secrets, languages).ifPresent(provider -> {
                if (!ids.add(provider.id())) {
                    p.child("id").error("\"" + provider.id() + "\" is listed twice");
                } else {
                    providers.add(provider);
                }
            });
        }
        return new Interpreters(providers);
    }

    private static Optional<Provider> provider(Node n, SecretSource source, LanguageCatalogue languages) {
        if (!n.keys(PROVIDER_KEYS)) {
            if (!n.isMissing() && !n.json.isObject()) {
                return Optional.empty(); // reported by keys()
            }
            n.error("is empty");
            return Optional.empty();
        }
        int before = n.problems.size();
        Optional<String> id = n.string("id", true);
        if (id.isPresent() && !ID.matcher(id.get()).matches()) {
            n.child("id").error("\"" + id.get() + "\" is not a lower-case slug like interprete-plus");
        }
        String name = n.string("name", false).orElse(id.orElse(""));
        boolean enabled = n.bool("enabled").orElse(true);
        Optional<String> number = n.string("number", true);
        if (number.isPresent() && !E164.matcher(number.get()).matches()) {
            n.child("number").error("\"" + number.get() + "\" is not an E.164 number like +15145550199");
        }
        Optional<DtmfTemplate> dtmf = n.string("dtmf", true).flatMap(t -> template(n.child("dtmf"), t));
        Map<String, String> secretValues = secrets(n, dtmf, enabled, source);
        Optional<String> identify = n.string("identify", true);
        if (identify.isPresent() && !DtmfTemplate.isKeys(identify.get())) {
            n.child("identify").error("\"" + identify.get() + "\" is not keys (0-9 * #)");
        }
        Map<String, String> codes = new LinkedHashMap<>();
        n.entries("languages", false).forEach((lang, code) -> {
            if (lang.equals("und")) {
                code.error("und is not listed here: the identify code is used for it");
            } else if (!lang.equals(LanguageCatalogue.primary(lang)) || !languages.contains(lang)) {
                code.error("\"" + lang + "\" is not an ISO 639 code of the language catalogue (like pa, yue)");
            } else {
                code.asString().ifPresent(c -> {
                    if (DtmfTemplate.isKeys(c)) {
                        codes.put(lang, c);
                    } else {
                        code.error("\"" + c + "\" is not keys (0-9 * #)");
                    }
                });
            }
        });
        Duration timeout = n.duration("connect-timeout", false).orElse(Duration.ofSeconds(45));
        if (timeout.compareTo(MIN_TIMEOUT) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            n.child("connect-timeout").error("\"" + n.child("connect-timeout").json.asText()
                    + "\" is not from 5s to 5m");
        }
        int attempts = n.integer("attempts", false, 1, 5).orElse(1);
        if (n.problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new Provider(id.get(), name, number.get(), dtmf.get(), new Secrets(secretValues), codes,
                identify.get(), timeout, attempts, enabled));
    }

    private static Optional<DtmfTemplate> template(Node where, String text) {
        try {
            DtmfTemplate t = DtmfTemplate.parse(text);
            if (!t.placeholders().contains(DtmfTemplate.LANGUAGE)) {
                where.error("\"" + text + "\" has no {language}");
                return Optional.empty();
            }
            return Optional.of(t);
        } catch (IllegalArgumentException e) {
            where.error("\"" + text + "\" " + e.getMessage());
            return Optional.empty();
        }
    }

    /** The secret values of an enabled provider; for a disabled one, only the declarations are checked. */
    private static Map<String, String> secrets(Node n, Optional<DtmfTemplate> dtmf, boolean enabled, SecretSource source) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Node> declared = n.entries("secrets", false);
        for (Map.Entry<String, Node> e : declared.entrySet()) {
            String placeholder = e.getKey();
            Node where = e.getValue();
            Optional<String> variable = where.asString();
            if (variable.isEmpty()) {
                continue;
            }
            if (placeholder.equals(DtmfTemplate.LANGUAGE)) {
                where.error("{language} is filled from languages, not from a secret");
            } else if (!VARIABLE.matcher(variable.get()).matches()) {
                where.error("\"" + variable.get() + "\" is not a variable name like INTERPRETE_PLUS_PIN");
            } else if (dtmf.isPresent() && !dtmf.get().placeholders().contains(placeholder)) {
                where.error("{" + placeholder + "} is not used in dtmf \"" + dtmf.get() + "\"");
            } else if (enabled) {
                Optional<String> value = source.value(variable.get());
                if (value.isEmpty()) {
                    where.error(variable.get() + " is not set in the environment" + source.orInFile());
                } else if (!DtmfTemplate.isKeys(value.get())) {
                    // Never show the value: it is a secret.
                    where.error("the value of " + variable.get() + " is not keys (0-9 * #)");
                } else {
                    values.put(placeholder, value.get());
                }
            }
        }
        if (dtmf.isPresent()) {
            for (String p : dtmf.get().placeholders()) {
                if (!p.equals(DtmfTemplate.LANGUAGE) && !declared.containsKey(p)) {
                    n.child("dtmf").error("\"" + dtmf.get() + "\" uses {" + p + "}, which is not named under secrets");
                }
            }
        }
        return values;
    }

    /** Checks that every bridge prompt has a text in every fallback language that could be read. */
    static void checkPrompts(PromptStore prompts, List<String> fallback, String promptsDir, Problems problems) {
        for (String lang : fallback) {
            if (!prompts.languages().contains(lang)) {
                continue; // reported with the flow
            }
            for (String id : BridgePrompts.IDS) {
                if (prompts.text(id, lang).isEmpty()) {
                    problems.add(promptsDir + "/" + lang + ".yaml", "prompts",
                            "has no \"" + id + "\", which the interpreter bridge says");
                }
            }
        }
    }

    /** The environment, then the secrets file, read once and only if a value is needed. */
    private static final class SecretSource {
        private final Map<String, String> environment;
        private final Optional<String> file;
        private final Path base;
        private final Node where;
        private Properties fileValues;

        SecretSource(Map<String, String> environment, Optional<String> file, Path base, Node where) {
            this.environment = environment;
            this.file = file;
            this.base = base;
            this.where = where;
        }

        Optional<String> value(String variable) {
            String v = environment.get(variable);
            if (v != null && !v.isBlank()) {
                return Optional.of(v.strip());
            }
            if (file.isEmpty()) {
                return Optional.empty();
            }
            if (fileValues == null) {
                fileValues = new Properties();
                try (Reader r = Files.newBufferedReader(base.resolve(file.get()))) {
                    fileValues.load(r);
                } catch (NoSuchFileException e) {
                    where.error("\"" + file.get() + "\" not found");
                } catch (IOException | IllegalArgumentException e) {
                    where.error("\"" + file.get() + "\" cannot be read: " + e.getMessage());
                }
            }
            String f = fileValues.getProperty(variable);
            return f == null || f.isBlank() ? Optional.empty() : Optional.of(f.strip());
        }

        String orInFile() {
            return file.map(f -> " nor in " + f).orElse(" (and no secrets-file is named)");
        }
    }
}
