package org.aiguilleur.ami;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which members take calls, and what is known when. */
class QueueMembersTest {

    @Test
    void memberTakesCalls_unlessPausedOrItsDeviceIsUnavailableOrInvalid() {
        assertTrue(QueueMembers.takesCalls(false, 1));
        assertTrue(QueueMembers.takesCalls(false, 2), "an agent on a call is still logged in");
        assertTrue(QueueMembers.takesCalls(null, null), "older events without the fields");
        assertFalse(QueueMembers.takesCalls(true, 1));
        assertFalse(QueueMembers.takesCalls(false, 5));
        assertFalse(QueueMembers.takesCalls(false, 4));
    }

    @Test
    void beforeAListAndAfterForgetting_everythingIsUnknown() {
        QueueMembers m = new QueueMembers();
        m.put("q", "PJSIP/a", true);
        assertEquals(Optional.empty(), m.hasAgents("q"), "events before the list are not enough");
        m.replace(Map.of("q", Map.of("PJSIP/a", true)));
        assertEquals(Optional.of(true), m.hasAgents("q"));
        m.forget();
        assertEquals(Optional.empty(), m.hasAgents("q"));
    }

    @Test
    void queueWithOnlyPausedOrRemovedMembers_hasNoAgents() {
        QueueMembers m = new QueueMembers();
        m.replace(Map.of("q", Map.of("PJSIP/a", true)));
        m.put("q", "PJSIP/a", false);
        assertEquals(Optional.of(false), m.hasAgents("q"));
        m.put("q", "PJSIP/b", true);
        m.remove("q", "PJSIP/b");
        assertEquals(Optional.of(false), m.hasAgents("q"));
        assertEquals(Optional.empty(), m.hasAgents("other"), "a queue Asterisk does not have");
    }
}
