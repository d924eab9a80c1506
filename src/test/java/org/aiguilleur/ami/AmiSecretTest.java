package org.aiguilleur.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aiguilleur.config.AsteriskSettings;
import org.aiguilleur.config.Settings;
import org.aiguilleur.testing.FakeAmi;
import org.aiguilleur.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the AMI secret comes from, and what {@code serve} says about live staffing at start. */
class AmiSecretTest {
    private static AsteriskSettings.Ami ami(Optional<Path> secretFile) {
        return new AsteriskSettings.Ami("127.0.0.1", 5038, "aiguilleur", secretFile);
    }

    @Test
    void environment_winsOverTheSecretFile(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("ami.secret"), "from-file\n");
        assertEquals("from-env", AmiSecret.resolve(ami(Optional.of(file)), Map.of("AIGUILLEUR_AMI_SECRET", "from-env")));
    }

    @Test
    void secretFile_givesItsFirstLineWithoutTheNewline(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("ami.secret"), "  s3cret \nignored\n");
        assertEquals("s3cret", AmiSecret.resolve(ami(Optional.of(file)), Map.of()));
    }

    @Test
    void noSecretAnywhere_saysWhatToSet() {
        AmiSecret.Missing e = assertThrows(AmiSecret.Missing.class, () -> AmiSecret.resolve(ami(Optional.empty()), Map.of()));
        assertEquals("no AMI secret: set AIGUILLEUR_AMI_SECRET or asterisk.ami.secret-file in aiguilleur.yaml", e.getMessage());
    }

    @Test
    void missingOrEmptySecretFile_isNamed(@TempDir Path tmp) throws Exception {
        Path missing = tmp.resolve("nope");
        AmiSecret.Missing e = assertThrows(AmiSecret.Missing.class, () -> AmiSecret.resolve(ami(Optional.of(missing)), Map.of()));
        assertTrue(e.getMessage().startsWith("cannot read the AMI secret file " + missing), e.getMessage());
        Path empty = Files.writeString(tmp.resolve("empty"), "\n");
        e = assertThrows(AmiSecret.Missing.class, () -> AmiSecret.resolve(ami(Optional.of(empty)), Map.of()));
        assertEquals("the AMI secret file " + empty + " is empty", e.getMessage());
    }

    private static Settings with(Optional<AsteriskSettings.Ami> ami) {
        Settings s = Fixtures.shipped().settings();
        return s.withAsterisk(new AsteriskSettings(s.asterisk().queues(), ami));
    }

    @Test
    void serveStart_withoutAmi_saysTheConfigurationCounts() {
        StringWriter out = new StringWriter();
        try (LiveAmi ami = LiveAmi.start(with(Optional.empty()), List.of(), Map.of(), new PrintWriter(out, true))) {
            assertEquals(Optional.empty(), ami.staffing());
            assertEquals(Optional.empty(), ami.interpreters());
            assertEquals(Optional.empty(), ami.hasAgents("grand-montreal-fr"));
        }
        assertTrue(out.toString().startsWith("live staffing: none (no asterisk.ami in aiguilleur.yaml)"), out.toString());
    }

    @Test
    void serveStart_withAmiButNoSecret_saysAmiIsNotUsedAndGoesOn() {
        StringWriter out = new StringWriter();
        try (LiveAmi live = LiveAmi.start(with(Optional.of(ami(Optional.empty()))), List.of(), Map.of(),
                new PrintWriter(out, true))) {
            assertEquals(Optional.empty(), live.staffing());
            assertEquals(Optional.empty(), live.interpreters());
        }
        assertTrue(out.toString().startsWith("live staffing: AMI NOT USED: no AMI secret"), out.toString());
    }

    @Test
    void serveStart_withAmiAndSecret_connects() throws Exception {
        try (FakeAmi fake = FakeAmi.start("aiguilleur", "s3cret").queues("grand-montreal-fr")) {
            StringWriter out = new StringWriter();
            AsteriskSettings.Ami a = new AsteriskSettings.Ami(fake.host(), fake.port(), "aiguilleur", Optional.empty());
            try (LiveAmi live = LiveAmi.start(with(Optional.of(a)), List.of("grand-montreal-fr"),
                    Map.of("AIGUILLEUR_AMI_SECRET", "s3cret"), new PrintWriter(out, true))) {
                AmiStaffing s = live.staffing().orElseThrow();
                assertTrue(out.toString().startsWith("live staffing: Asterisk AMI aiguilleur@" + fake.host()), out.toString());
                assertEquals(1, fake.awaitActions("QueueStatus", 1, java.time.Duration.ofSeconds(10)).size());
                assertEquals("aiguilleur@" + fake.host() + ":" + fake.port(), s.account());
            }
        }
    }
}
