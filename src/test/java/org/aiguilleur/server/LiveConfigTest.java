package org.aiguilleur.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalTime;
import java.util.List;
import org.aiguilleur.config.ConfigException;
import org.aiguilleur.config.ConfigFixture;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.flow.Engine;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.routing.TimeRange;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad configuration never replaces a running good one; a good edit is taken. */
class LiveConfigTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-11-23T15:00:00Z"));

    @TempDir
    Path tmp;
    private ConfigFixture files;
    private LiveConfig live;
    private Configuration initial;
    private Engine initialEngine;

    @BeforeEach
    void start() throws ConfigException {
        files = ConfigFixture.copyOfShipped(tmp);
        initial = files.load();
        live = new LiveConfig(initial, CLOCK, LiveStaffing.UNKNOWN);
        initialEngine = live.engine();
    }

    private void assertStillInitial() {
        assertSame(initial, live.config());
        assertSame(initialEngine, live.engine());
    }

    @Test
    void badEdit_isRefused_andTheRunningConfigurationStays() {
        files.replace("config/centres.yaml", "mon-fri: \"08:30-16:30\"", "mon-fri: \"8h30-16h30\"");
        assertFalse(live.reload());
        assertStillInitial();
    }

    @Test
    void badEditInEachFile_isRefused() {
        files.replace("dialplans/flow.yaml", "attempts: 2\n    default: other", "attempts: 0\n    default: other");
        assertFalse(live.reload());
        files.replace("prompts/en-CA.yaml", "need-menu:", "needs-menu:");
        assertFalse(live.reload());
        files.replace("config/aiguilleur.yaml", "timezone: America/Toronto", "timezone: Eastern");
        assertFalse(live.reload());
        assertStillInitial();
    }

    @Test
    void deletedFile_isRefused() {
        files.delete("config/regions.yaml");
        assertFalse(live.reload());
        assertStillInitial();
    }

    @Test
    void goodEdit_isTaken_withANewEngine() {
        files.replace("config/centres.yaml", "daily: \"08:00-20:00\"", "daily: \"09:00-17:00\"");
        assertTrue(live.reload());
        assertNotSame(initial, live.config());
        assertNotSame(initialEngine, live.engine());
        assertEquals(List.of(TimeRange.of(LocalTime.of(9, 0), LocalTime.of(17, 0))),
                live.config().centres().get(0).hours().on(DayOfWeek.MONDAY));
        assertSame(CLOCK, live.engine().clock());
        // The engine a call already holds is untouched.
        assertSame(initial.flow(), initialEngine.flow());
    }

    @Test
    void badEditThenFix_theFixIsTaken() {
        files.replace("config/centres.yaml", "daily: \"08:00-20:00\"", "daily: \"09:00-1700\"");
        assertFalse(live.reload());
        assertStillInitial();
        files.replace("config/centres.yaml", "daily: \"09:00-1700\"", "daily: \"09:00-17:00\"");
        assertTrue(live.reload());
        assertEquals(LocalTime.of(17, 0), live.config().centres().get(0).hours().on(DayOfWeek.MONDAY).get(0).end());
    }

    @Test
    void goodThenBad_keepsTheLastGoodOne() {
        files.replace("config/aiguilleur.yaml", "default-queue: grand-montreal-fr", "default-queue: grand-montreal-en");
        assertTrue(live.reload());
        Configuration second = live.config();
        Engine secondEngine = live.engine();
        files.replace("config/aiguilleur.yaml", "default-queue: grand-montreal-en", "default-queue: grand-montreal-xx");
        assertFalse(live.reload());
        assertSame(second, live.config());
        assertSame(secondEngine, live.engine());
        assertEquals("grand-montreal-en", live.config().settings().defaultQueue());
    }
}
