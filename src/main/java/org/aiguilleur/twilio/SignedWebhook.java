package org.aiguilleur.twilio;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BooleanSupplier;
import org.aiguilleur.twilio.signature.TwilioSignatures;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.Invocable.InvocationType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty handler for one Twilio webhook: takes only a form POST of bounded size, checks its
 * signature, and answers the TwiML that {@link Webhook} returns. Bad requests get 4xx without a
 * stack trace; a failure inside the webhook answers {@code fallback} (TwiML that still puts the
 * caller with a person).
 *
 * <p>Non-blocking towards Jetty: the checks run where Jetty calls the handler (often its I/O
 * thread), the form is read without waiting for the network, and the webhook itself runs there
 * only while {@code inline} says it cannot block (everything it needs is in memory); otherwise it
 * runs on a pool thread. A hand-off to a pool thread costs more than a whole engine turn.
 */
public final class SignedWebhook extends Handler.Abstract.NonBlocking {
    private static final Logger LOG = LoggerFactory.getLogger(SignedWebhook.class);
    private static final int MAX_FIELDS = 100;
    private static final HttpField XML = new HttpField(HttpHeader.CONTENT_TYPE, "application/xml; charset=utf-8");

    /** Answers a checked request with a TwiML document, UTF-8 encoded. */
    @FunctionalInterface
    public interface Webhook {
        byte[] answer(WebhookRequest request);
    }

    private final TwilioSignatures signatures;
    private final int maxBytes;
    private final Webhook webhook;
    private final Webhook fallback;
    private final byte[] lastResort;
    private final BooleanSupplier inline;

    /**
     * A webhook that may block: it always runs on a pool thread.
     *
     * @param fallback   answers when {@code webhook} fails (queue the caller for a person)
     * @param lastResort fixed TwiML for when the fallback fails too
     */
    public SignedWebhook(TwilioSignatures signatures, int maxBytes, Webhook webhook, Webhook fallback,
                         byte[] lastResort) {
        this(signatures, maxBytes, webhook, fallback, lastResort, () -> false);
    }

    /**
     * @param inline asked per request: true when {@code webhook} (and {@code fallback}) cannot block
     *               now, so they may run on Jetty's I/O thread
     */
    public SignedWebhook(TwilioSignatures signatures, int maxBytes, Webhook webhook, Webhook fallback,
                         byte[] lastResort, BooleanSupplier inline) {
        this.signatures = signatures;
        this.maxBytes = maxBytes;
        this.webhook = webhook;
        this.fallback = fallback;
        this.lastResort = lastResort;
        this.inline = inline;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Response.writeError(request, response, callback, 405);
            return true;
        }
        if (request.getLength() > maxBytes) {
            Response.writeError(request, response, callback, 413);
            return true;
        }
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        if (type == null || !MimeTypes.Type.FORM_ENCODED.is(MimeTypes.getContentTypeWithoutCharset(type))) {
            Response.writeError(request, response, callback, 415);
            return true;
        }
        try {
            // Twilio's forms are UTF-8 and rarely say so: UTF-8 unless the request names a charset (then
            // Jetty's rules), which also spares Jetty's per-request look-up of the configuration's form methods.
            Charset charset = type.indexOf(';') < 0 ? StandardCharsets.UTF_8 : FormFields.getFormEncodedCharset(request);
            // Read without waiting: at once when the body came with the headers (the usual case), else
            // when the rest arrives (then perhaps on the I/O thread, which checked() never blocks).
            Content.Source.asByteArrayAsync(request, maxBytes, Promise.Invocable.from(
                    InvocationType.NON_BLOCKING, (byte[] body, Throwable failure) ->
                            checked(request, response, callback, body, charset, failure)));
        } catch (RuntimeException e) {
            Response.writeError(request, response, callback, isTooLarge(e) ? 413 : 400);
        }
        return true;
    }

    private void checked(Request request, Response response, Callback callback, byte[] body, Charset charset,
                         Throwable failure) {
        String path = request.getHttpURI().getPath();
        if (failure != null) {
            Response.writeError(request, response, callback, isTooLarge(failure) ? 413 : 400);
            return;
        }
        Map<String, String> form;
        Map<String, String> query;
        try {
            // The encoded form is ASCII; the charset applies to the bytes its escapes stand for.
            form = FormBody.parse(new String(body, StandardCharsets.ISO_8859_1), charset, MAX_FIELDS);
            String q = request.getHttpURI().getQuery();
            query = q == null ? Map.of() : FormBody.parse(q, StandardCharsets.UTF_8, MAX_FIELDS);
        } catch (RuntimeException e) {
            // Too large, too many fields, repeated fields or bad encoding: the client's fault.
            Response.writeError(request, response, callback, isTooLarge(e) ? 413 : 400);
            return;
        }
        String signature = request.getHeaders().get("X-Twilio-Signature");
        if (!signatures.valid(request.getHttpURI().getPathQuery(), form, signature)) {
            LOG.warn("refused a webhook on {}: {} signature", path, signature == null ? "no" : "a wrong");
            Response.writeError(request, response, callback, 403);
            return;
        }
        WebhookRequest checked = new WebhookRequest(path, query, form);
        if (inline.getAsBoolean()) {
            answer(checked, response, callback);
        } else {
            dispatch(request, () -> answer(checked, response, callback));
        }
    }

    private void answer(WebhookRequest checked, Response response, Callback callback) {
        byte[] twiml;
        try {
            twiml = webhook.answer(checked);
        } catch (RuntimeException e) {
            // Never drop a call: the fallback TwiML queues the caller for a person.
            LOG.error("webhook {} failed ({}: {}); the caller goes to the default queue", checked.path(),
                    e.getClass().getName(), e.getMessage());
            try {
                twiml = fallback.answer(checked);
            } catch (RuntimeException again) {
                LOG.error("fallback TwiML failed too ({})", again.getClass().getName());
                twiml = lastResort;
            }
        }
        response.setStatus(200);
        response.getHeaders().put(XML);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, twiml.length);
        response.write(true, ByteBuffer.wrap(twiml), callback);
    }

    /** Runs {@code work} on Jetty's pool; here if the pool refuses it (never drop a call). */
    private static void dispatch(Request request, Runnable work) {
        try {
            request.getComponents().getExecutor().execute(work);
        } catch (RejectedExecutionException e) {
            work.run();
        }
    }

    private static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("too large") || m.contains("too many") || m.contains("exceed")) {
                return true;
            }
        }
        return false;
    }
}
