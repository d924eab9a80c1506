/**
 * Agents: who they are (centres, languages), their presence, and the matching of waiting callers
 * with available agents, delivered through Twilio's REST API.
 *
 * <p>Contracts shared with other packages: {@link org.aiguilleur.agents.CallerQueue} (the Twilio door
 * reports waiting callers), {@link org.aiguilleur.agents.AnsweredCalls} (agent delivery tells the door
 * when an agent takes a caller), {@link org.aiguilleur.agents.WaitingCaller},
 * {@link org.aiguilleur.agents.AgentAuthenticator} (bearer token to agent id, also used by the records'
 * disposition API). Parts: {@code roster} (agents.yaml values, token hashes), {@code presence} (the
 * store, the matching rule, the JSON API), {@code delivery} (REST dequeue, the agent webhooks).
 *
 * <p>Wiring, in the Twilio door's start-up ({@link org.aiguilleur.agents.AgentDesk}):
 * <pre>{@code
 * TwilioRestClient rest = new TwilioRestClient.Builder(accountSid, authToken).build();
 * AgentDesk desk = AgentDesk.builder(config, rest, clock)
 *         .publicBaseUrl(publicUrl)              // the https URL Twilio calls (signatures use it)
 *         .authToken(authToken)                  // checks X-Twilio-Signature on /twilio/agent/...
 *         .environment(System.getenv())          // AIGUILLEUR_AGENT_TOKENS(_FILE)
 *         .requeue(caller -> door.enqueueTwiml(caller)) // optional: the door's <Enqueue> with its waitUrl
 *         .answered(door::agentAnswered)         // optional: the door records who took the call, and when
 *         .build()
 *         .start();                              // once-a-second retries and stale-offer clean-up
 * live.follow(desk::prepare);                    // agents.yaml and tokens follow configuration reloads
 * CallerQueue queue = desk.callerQueue();        // give to the door: waiting(...) / left(...)
 * for (AgentDesk.Mount m : desk.mounts()) {       // /api/agents and /twilio/agent
 *     router.mount(m.pathPrefix(), m.handler());  // each handler also ignores paths not its own
 * }
 * AgentAuthenticator auth = desk.authenticator();
 * // on shutdown: desk.close();
 * }</pre>
 * Without Twilio (the records' disposition API on an Asterisk-only deployment), the authenticator is
 * {@code AgentTokens.forRoster(config.agents(), System.getenv())}, or
 * {@code server.LiveAgentTokens.follow(live, System.getenv())} to follow reloads.
 * The handlers return {@code false} for paths outside their prefix, so they can also simply be put
 * in a {@code Handler.Sequence} before the door's own handler.
 */
package org.aiguilleur.agents;
