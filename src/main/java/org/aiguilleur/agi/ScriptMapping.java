package org.aiguilleur.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.MappingStrategy;

/**
 * Maps the AGI URL's path to a script: {@code agi://host:4573/211} (a query string such as
 * {@code 211?lang=fr} is allowed and ignored). Any other path has no script: Asterisk-Java then
 * sets {@code AJ_AGISTATUS=NOT_FOUND} and returns, and the dialplan, seeing no outcome, queues
 * the caller at the default queue.
 */
final class ScriptMapping implements MappingStrategy {
    /** The script path of a 211 call. */
    static final String CALL = "211";

    private final AgiScript call;

    ScriptMapping(AgiScript call) {
        this.call = call;
    }

    @Override
    public AgiScript determineScript(AgiRequest request, AgiChannel channel) {
        String script = request.getScript();
        if (script == null) {
            return null;
        }
        // Asterisk-Java strips the query string; strip it here too in case a version does not.
        int q = script.indexOf('?');
        String path = (q < 0 ? script : script.substring(0, q)).replaceAll("^/+|/+$", "");
        return CALL.equals(path) ? call : null;
    }
}
