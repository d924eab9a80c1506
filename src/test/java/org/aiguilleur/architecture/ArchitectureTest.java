package org.aiguilleur.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine stays pure: the front doors depend on it, never the reverse. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.aiguilleur");
    }

    @Test
    void engineImportsNoTransportHttpJdbcOrConfigurationCode() {
        noClasses().that().resideInAnyPackage("org.aiguilleur.flow..", "org.aiguilleur.routing..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.asteriskjava..", "com.twilio..", "org.eclipse.jetty..", "java.sql..", "javax.sql..",
                        "com.fasterxml.jackson..", "picocli..", "java.net..", "java.nio.file..", "org.slf4j..",
                        "org.aiguilleur.config..", "org.aiguilleur.agi..", "org.aiguilleur.twilio..",
                        "org.aiguilleur.server..", "org.aiguilleur.cli..", "org.aiguilleur.records..",
                        "org.aiguilleur.ami..", "org.aiguilleur.dialplan..", "org.aiguilleur.translate..",
                        "com.google..", "com.github.benmanes.caffeine..")
                .check(classes);
    }

    @Test
    void interpreterBridgeAndLanguageCatalogueImportNoTransportFileOrConfigurationCode() {
        noClasses().that().resideInAnyPackage("org.aiguilleur.interpreter..", "org.aiguilleur.languages..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.asteriskjava..", "com.twilio..", "org.eclipse.jetty..", "java.sql..", "javax.sql..",
                        "com.fasterxml.jackson..", "picocli..", "java.net..", "java.nio.file..", "org.slf4j..",
                        "org.aiguilleur.config..", "org.aiguilleur.agi..", "org.aiguilleur.twilio..",
                        "org.aiguilleur.server..", "org.aiguilleur.cli..")
                .check(classes);
    }

    @Test
    void routingDoesNotKnowTheFlow() {
        noClasses().that().resideInAPackage("org.aiguilleur.routing..")
                .should().dependOnClassesThat().resideInAPackage("org.aiguilleur.flow..")
                .check(classes);
    }

    @Test
    void engineKeepsNoStaticMutableCallState() {
        noClasses().that().resideInAnyPackage("org.aiguilleur.flow..", "org.aiguilleur.routing..")
                .should().dependOnClassesThat().areAssignableTo(ThreadLocal.class)
                .check(classes);
    }
}
