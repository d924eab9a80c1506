package org.aiguilleur.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.aiguilleur.agi.InterpreterStarter;
import org.aiguilleur.ami.LiveAmi;
import org.aiguilleur.config.Configuration;
import org.aiguilleur.agents.AgentAuthenticator;
import org.aiguilleur.agents.roster.AgentTokens;
import org.aiguilleur.records.Records;
import org.aiguilleur.routing.LiveStaffing;
import org.aiguilleur.server.ConfigWatcher;
import org.aiguilleur.server.FrontDoor;
import org.aiguilleur.server.FrontDoors;
import org.aiguilleur.server.LiveAgentTokens;
import org.aiguilleur.server.LiveConfig;
import org.aiguilleur.server.ServerClock;
import org.aiguilleur.translate.GoogleAccess;
import org.aiguilleur.translate.TranslationService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code aiguilleur serve}: runs the server until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Starts the server: the front doors of this build and a watch on the configuration files.",
            "A changed configuration is reloaded for new calls; one with errors is refused and the running one stays.",
            "--clock starts the server's clock at TIME and lets it run (rehearse \"21:00 on Christmas\").",
            "With asterisk.ami in aiguilleur.yaml (secret in AIGUILLEUR_AMI_SECRET or a secret-file), routing follows",
            "Asterisk queue members live; without it, or while AMI is unreachable, the languages of centres.yaml count.",
            "Twilio webhooks (POST /twilio/voice, /twilio/status, /twilio/fallback on server.http) need TWILIO_AUTH_TOKEN",
            "(or twilio.auth-token-file) and the public URL Twilio calls (AIGUILLEUR_PUBLIC_URL or twilio.public-url);",
            "TWILIO_ACCOUNT_SID also starts agent delivery (/api/agents, /twilio/agent) for the agents of agents.yaml;",
            "agents.yaml and the agents' tokens file reload like the rest: agents added can sign in at once, agents",
            "removed are signed out (a call ringing or connected to them goes on), and waiting callers keep their places.",
            "Prompts a language lacks are machine-translated (translation: in aiguilleur.yaml, Google credentials);",
            "a caller waits at most translation.wait, then hears the fallback language. Without credentials only",
            "stored texts are used, and serve says so once.",
            "With asterisk.ami, interpreted calls on Asterisk are bridged (ConfBridge, interpreters of interpreters.yaml).",
            "asterisk.ami reloads too: a changed manager is reconnected (staffing unknown meanwhile, bridges in progress",
            "kept), removing it stops AMI, adding it starts it, and one with an unreadable secret-file is refused.",
            "With twilio.presence-store: database, agents' presence, waiting callers and hang-ups are shared through",
            "the records database, so several instances can run behind a load balancer."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--clock", paramLabel = "TIME",
            description = "Start the server clock at this time (ISO instant, or local Québec date-time) and let it run.")
    String clock;

    @Mixin
    ConfigOption config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Configuration> loaded = config.load(err);
        if (loaded.isEmpty()) {
            return 1;
        }
        Configuration cfg = loaded.get();
        Clock serverClock = Clock.system(cfg.settings().zone());
        if (clock != null) {
            try {
                Instant start = TimeArgument.parse(clock, cfg.settings().zone());
                serverClock = ServerClock.startingAt(start, serverClock);
            } catch (IllegalArgumentException e) {
                err.println("--clock " + e.getMessage());
                return 2;
            }
        }
        // Live staffing and the interpreter bridge over AMI; asterisk.ami follows reloads (ami.follow below).
        LiveAmi ami = LiveAmi.start(cfg.settings(), cfg.queues(), System.getenv(), out);
        LiveStaffing staffing = ami;
        // Prompts a language lacks are machine-translated at run time (or not, said once, without credentials).
        TranslationService translation = TranslationService.start(cfg.settings().translation(), GoogleAccess.standard(),
                serverClock, notice -> {
                    out.println(notice);
                    out.flush();
                });
        LiveConfig live = new LiveConfig(cfg, serverClock, staffing, translation::catalog);
        ami.follow(live);
        // Call records: the recorder (records.events()) and the /api/records, /api/reports handlers
        // (records.handlers()) are for the front doors; agents and managers sign in with agents' tokens.
        // The tokens follow configuration reloads (a bad tokens file refuses the reload).
        AgentAuthenticator agentTokens;
        try {
            agentTokens = LiveAgentTokens.follow(live, System.getenv());
        } catch (IllegalArgumentException e) {
            err.println("agent tokens: " + e.getMessage() + " (the records APIs accept no token)");
            agentTokens = AgentTokens.none();
        }
        Records records;
        try {
            records = Records.open(cfg, serverClock, agentTokens);
        } catch (java.io.IOException | RuntimeException e) {
            err.println("records: " + e.getMessage());
            ami.close();
            return 1;
        }
        out.println("records kept in " + cfg.settings().records().safeUrl() + " (journal "
                + cfg.settings().records().journal() + ")");
        List<FrontDoor> doors = FrontDoors.create(live, records.events(), records.handlers(), System.getenv(),
                InterpreterStarter.overAmi(ami::interpreters, live, records.events()),
                records.database()); // twilio.presence-store: database shares presence and hang-ups through it
        CountDownLatch stopped = new CountDownLatch(1);
        try (ConfigWatcher watcher = new ConfigWatcher(live)) {
            for (FrontDoor door : doors) {
                door.start();
                out.println("started " + door.name() + " on " + door.address());
            }
            out.println("Aiguilleur is running with " + cfg.dir() + " (" + cfg.queues().size() + " queues); clock "
                    + serverClock.instant().atZone(cfg.settings().zone()) + ".");
            if (doors.isEmpty()) {
                out.println("This build has no front door yet (Asterisk FastAGI and Twilio webhooks come with their"
                        + " issues): no call can reach it. The configuration is watched and reloaded.");
            }
            out.flush();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                for (FrontDoor door : doors) {
                    try {
                        door.close();
                    } catch (Exception e) {
                        err.println("closing " + door.name() + ": " + e.getMessage());
                    }
                }
                try {
                    records.close();
                } catch (Exception e) {
                    err.println("closing records: " + e.getMessage());
                }
                ami.close();
                translation.close();
                stopped.countDown();
            }, "shutdown"));
            stopped.await();
        }
        return 0;
    }
}
