package org.aiguilleur.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.HangupAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.action.QueueStatusAction;
import org.asteriskjava.manager.event.ConfbridgeEndEvent;
import org.asteriskjava.manager.event.ConfbridgeJoinEvent;
import org.asteriskjava.manager.event.ConfbridgeLeaveEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.event.QueueMemberEvent;
import org.asteriskjava.manager.event.QueueParamsEvent;
import org.asteriskjava.manager.event.QueueStatusCompleteEvent;
import org.asteriskjava.manager.response.ManagerError;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake AMI as Asterisk-Java's own ManagerConnection sees it: the proof that the fake is faithful enough. */
class FakeAmiTest {
    private final FakeAmi ami = FakeAmi.start("aiguilleur", "s3cret");
    private ManagerConnection connection;
    private final LinkedBlockingQueue<ManagerEvent> events = new LinkedBlockingQueue<>();

    private ManagerConnection login(String secret) throws Exception {
        connection = new ManagerConnectionFactory(ami.host(), ami.port(), "aiguilleur", secret).createManagerConnection();
        connection.addEventListener(events::add);
        connection.login();
        return connection;
    }

    private <T extends ManagerEvent> T next(Class<T> type) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (System.nanoTime() < end) {
            ManagerEvent e = events.poll(100, TimeUnit.MILLISECONDS);
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
        throw new AssertionError("no " + type.getSimpleName());
    }

    @AfterEach
    void close() {
        if (connection != null) {
            connection.logoff();
        }
        ami.close();
    }

    @Test
    void asteriskJavaLogsInWithTheMd5Challenge() throws Exception {
        login("s3cret");
        List<AmiPacket> actions = ami.actions();
        assertEquals("Challenge", actions.get(0).get("Action"));
        assertEquals("MD5", actions.get(0).get("AuthType"));
        assertEquals("Login", actions.get(1).get("Action"));
        assertTrue(actions.get(1).get("Key").matches("[0-9a-f]{32}"), actions.get(1).toString());
        assertTrue(actions.stream().anyMatch(a -> a.get("Action").equals("CoreSettings")), actions.toString());
    }

    @Test
    void wrongSecret_isRefusedAndTheConnectionClosed() throws Exception {
        AuthenticationFailedException e = assertThrows(AuthenticationFailedException.class, () -> login("wrong"));
        assertTrue(e.getMessage().contains("Authentication failed"), e.getMessage());
        connection = null;
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ami.connections() > 0 && System.nanoTime() < end) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertEquals(0, ami.connections());
    }

    @Test
    void queueStatus_listsQueuesAndMembersWithTheActionId() throws Exception {
        ami.queues("q-fr", "q-es").addMember("q-fr", "PJSIP/agent1").pause("q-fr", "PJSIP/agent1", true);
        login("s3cret");
        ResponseEvents r = connection.sendEventGeneratingAction(new QueueStatusAction());
        List<ManagerEvent> list = List.copyOf(r.getEvents());
        assertEquals(List.of(QueueParamsEvent.class, QueueMemberEvent.class, QueueParamsEvent.class,
                QueueStatusCompleteEvent.class), list.stream().map(Object::getClass).toList());
        QueueMemberEvent m = (QueueMemberEvent) list.get(1);
        assertEquals("q-fr", m.getQueue());
        assertEquals("PJSIP/agent1", m.getLocation());
        assertEquals(Boolean.TRUE, m.getPaused());
        assertEquals(FakeAmi.NOT_IN_USE, m.getStatus());
    }

    @Test
    void asyncOriginate_answersThenSendsOriginateResponse() throws Exception {
        login("s3cret");
        OriginateAction o = new OriginateAction();
        o.setChannel("PJSIP/interpreter-es");
        o.setApplication("ConfBridge");
        o.setData("call-42");
        o.setAsync(true);
        ResponseEvents r = connection.sendEventGeneratingAction(o, 5000);
        assertEquals("Success", r.getResponse().getResponse());
        OriginateResponseEvent e = (OriginateResponseEvent) r.getEvents().iterator().next();
        assertTrue(e.isSuccess());
        assertEquals(FakeAmi.ANSWERED, e.getReason());
        assertTrue(ami.channels().containsKey(e.getChannel()), ami.channels().toString());
    }

    @Test
    void originateToABusyChannel_fails() throws Exception {
        ami.failOriginate("PJSIP/interpreter-ar", FakeAmi.BUSY);
        login("s3cret");
        OriginateAction o = new OriginateAction();
        o.setChannel("PJSIP/interpreter-ar");
        o.setContext("interpreters");
        o.setExten("s");
        o.setPriority(1);
        o.setAsync(true);
        OriginateResponseEvent e = (OriginateResponseEvent) connection.sendEventGeneratingAction(o, 5000)
                .getEvents().iterator().next();
        assertEquals("Failure", e.getResponse());
        assertEquals(FakeAmi.BUSY, e.getReason());
        o.setAsync(false);
        ManagerResponse sync = connection.sendAction(o, 5000);
        assertInstanceOf(ManagerError.class, sync);
        assertEquals("Originate failed", sync.getMessage());
    }

    @Test
    void hangup_endsAnOriginatedChannelOrSaysNoSuchChannel() throws Exception {
        login("s3cret");
        OriginateAction o = new OriginateAction();
        o.setChannel("PJSIP/interpreter-es");
        o.setApplication("Wait");
        o.setData("60");
        o.setAsync(true);
        String channel = ((OriginateResponseEvent) connection.sendEventGeneratingAction(o, 5000).getEvents().iterator()
                .next()).getChannel();
        assertEquals("Success", connection.sendAction(new HangupAction(channel)).getResponse());
        assertEquals(channel, next(HangupEvent.class).getChannel());
        ManagerResponse again = connection.sendAction(new HangupAction(channel));
        assertEquals("No such channel", again.getMessage());
    }

    @Test
    void confbridgeEvents_reachTheListener() throws Exception {
        login("s3cret");
        ami.confbridgeJoin("call-42", "PJSIP/caller-1", "1.1").confbridgeLeave("call-42", "PJSIP/caller-1", "1.1")
                .confbridgeEnd("call-42");
        assertEquals("call-42", next(ConfbridgeJoinEvent.class).getConference());
        assertEquals("PJSIP/caller-1", next(ConfbridgeLeaveEvent.class).getChannel());
        assertEquals("call-42", next(ConfbridgeEndEvent.class).getConference());
    }

    @Test
    void droppedConnection_isReconnectedByAsteriskJava() throws Exception {
        login("s3cret");
        ami.dropConnections();
        List<AmiPacket> logins = ami.awaitActions("Login", 2, Duration.ofSeconds(10));
        assertEquals(2, logins.size());
    }
}
