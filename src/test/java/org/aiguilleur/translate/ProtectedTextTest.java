package org.aiguilleur.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Masking of placeholders and protected terms before translation, and the check after. */
class ProtectedTextTest {
    final ProtectedText p = new ProtectedText(List.of("211", "811", "911", "Info-Santé", "Info-Social",
            "211 Grand Montréal"));

    @Test
    void mask_wrapsPlaceholdersAndTerms_andEscapesHtml() {
        assertEquals("Le <span translate=\"no\">211</span> ouvre {x &amp; y} &lt;b&gt; "
                        + "<span translate=\"no\">{hours}</span>.",
                p.mask("Le 211 ouvre {x & y} <b> {hours}."));
    }

    @Test
    void mask_keepsTheLongestTermWhole() {
        assertEquals("Ici <span translate=\"no\">211 Grand Montréal</span>, pas <span translate=\"no\">911</span>.",
                p.mask("Ici 211 Grand Montréal, pas 911."));
    }

    @Test
    void mask_protectsWholeNumbersOnly() {
        assertEquals("Le 2110 et le 8115.", p.mask("Le 2110 et le 8115."));
    }

    @Test
    void unmask_returnsPlainText_withEntitiesDecoded() {
        ProtectedText.Outcome o = p.unmask("El <span translate=\"no\">211</span> abre &quot;{x}&quot; &amp; &#39;ya&#39; "
                + "<span translate=\"no\">{hours}</span>.", "Le 211 ouvre \"{x}\" & 'déjà' {hours}.");
        assertEquals(new ProtectedText.Outcome("El 211 abre \"{x}\" & 'ya' {hours}.", ProtectedText.Status.OK, ""), o);
    }

    @Test
    void unmask_repairsSpacesInsideAPlaceholder() {
        ProtectedText.Outcome o = p.unmask("Abrimos { hours }.", "Nous sommes ouverts {hours}.");
        assertEquals("Abrimos {hours}.", o.text());
        assertEquals(ProtectedText.Status.REPAIRED, o.status());
    }

    @Test
    void unmask_repairsTheOnlyPlaceholderWhenItWasTranslated() {
        ProtectedText.Outcome o = p.unmask("Abrimos {horas}.", "Nous sommes ouverts {hours}.");
        assertEquals("Abrimos {hours}.", o.text());
        assertEquals("placeholder {horas} repaired to {hours}", o.note());
    }

    @Test
    void unmask_rejectsALostPlaceholder() {
        ProtectedText.Outcome o = p.unmask("Para, marque.", "Pour {name}, faites le {key}.");
        assertEquals(ProtectedText.Status.REJECTED, o.status());
        assertEquals("placeholders [] do not match [{name}, {key}]", o.note());
    }

    @Test
    void unmask_rejectsTwoRenamedPlaceholders_asAmbiguous() {
        assertEquals(ProtectedText.Status.REJECTED,
                p.unmask("Para {nombre}, marque {tecla}.", "Pour {name}, faites le {key}.").status());
    }

    @Test
    void unmask_rejectsALostOrTranslatedProtectedTerm() {
        ProtectedText.Outcome o = p.unmask("Le transferimos a Info-Salud, al 811.", "Nous vous transférons à Info-Santé, au 811.");
        assertEquals(ProtectedText.Status.REJECTED, o.status());
        assertEquals("protected term \"Info-Santé\" was lost", o.note());
    }
}
