package org.aiguilleur.agi;

import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.command.AgiCommand;
import org.asteriskjava.fastagi.command.ChannelStatusCommand;
import org.asteriskjava.fastagi.reply.AgiReply;

/**
 * One call's AGI channel, one command at a time (Asterisk cuts a running command short, with no
 * reply, when another arrives). Asterisk-Java throws {@link AgiHangupException} for a
 * {@code 511} reply (dead channel) and for a closed socket; the bare {@code HANGUP} line Asterisk
 * sends after a hang-up is skipped by its reader before the next reply.
 */
final class AgiLine {
    private final AgiChannel channel;

    AgiLine(AgiChannel channel) {
        this.channel = channel;
    }

    AgiReply send(AgiCommand command) throws AgiException {
        return channel.sendCommand(command);
    }

    /**
     * After a media command answered {@code result=-1}: whether the channel is still up. On a real
     * Asterisk, -1 is either a hang-up (then {@code HANGUP}, and CHANNEL STATUS gets 511) or a sound
     * file that does not exist (the channel is up and the call goes on).
     */
    boolean stillUp() throws AgiException {
        try {
            channel.sendCommand(new ChannelStatusCommand());
            return true;
        } catch (AgiHangupException e) {
            return false;
        }
    }
}
