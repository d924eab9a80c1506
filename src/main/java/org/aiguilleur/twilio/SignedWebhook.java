package org.aiguilleur.twilio;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.aiguilleur.twilio.signature.TwilioSignatures;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Jetty handler for one Twilio webhook: takes only a form POST of bounded size, checks its
 * signature, and answers the TwiML that {@link Webhook} returns. Bad requests get 4xx without a
 * stack trace; a failure inside the webhook answers {@code fallback} (TwiML that still puts the
 * caller with a person). Blocking: the work runs on a Jetty pool thread, never on a selector.
 */
public final class SignedWebhook extends Handler.Abstract {
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

    /**
     * @param fallback   answers when {@code webhook} fails (queue the caller for a person)
     * @param lastResort fixed TwiML for when the fallback fails too
     */
    public SignedWebhook(TwilioSignatures signatures, int maxBytes, Webhook webhook, Webhook fallback,
                         byte[] lastResort) {
        this.signatures = signatures;
        this.maxBytes = maxBytes;
        this.webhook = webhook;
        this.fallback = fallback;
        this.lastResort = lastResort;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getPath();
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
        Map<String, String> form;
        Map<String, String> query;
        try {
            // Twilio's forms are UTF-8 and rarely say so: UTF-8 unless the request names a charset (then
            // Jetty's rules), which also spares Jetty's per-request look-up of the configuration's form methods.
            Charset charset = type.indexOf(';') < 0 ? StandardCharsets.UTF_8 : FormFields.getFormEncodedCharset(request);
            form = single(FormFields.getFields(request, request, charset, MAX_FIELDS, maxBytes));
            query = request.getHttpURI().getQuery() == null ? Map.of()
                    : single(Request.extractQueryParameters(request, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // Too large, too many fields, repeated fields or bad encoding: the client's fault.
            int status = isTooLarge(e) ? 413 : 400;
            Response.writeError(request, response, callback, status);
            return true;
        }
        String signature = request.getHeaders().get("X-Twilio-Signature");
        if (!signatures.valid(request.getHttpURI().getPathQuery(), form, signature)) {
            LOG.warn("refused a webhook on {}: {} signature", path, signature == null ? "no" : "a wrong");
            Response.writeError(request, response, callback, 403);
            return true;
        }
        WebhookRequest checked = new WebhookRequest(path, query, form);
        byte[] twiml;
        try {
            twiml = webhook.answer(checked);
        } catch (RuntimeException e) {
            // Never drop a call: the fallback TwiML queues the caller for a person.
            LOG.error("webhook {} failed ({}: {}); the caller goes to the default queue", path,
                    e.getClass().getName(), e.getMessage());
            try {
                twiml = fallback.answer(checked);
            } catch (RuntimeException again) {
                LOG.error("fallback TwiML failed too ({})", again.getClass().getName());
                twiml = lastResort;
            }
        }
        byte[] body = twiml;
        response.setStatus(200);
        response.getHeaders().put(XML);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private static Map<String, String> single(Fields fields) {
        Map<String, String> out = new HashMap<>();
        for (Fields.Field f : fields) {
            if (f.getValues().size() != 1) {
                throw new IllegalArgumentException("repeated field");
            }
            out.put(f.getName(), f.getValue());
        }
        return out;
    }

    private static boolean isTooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(java.util.Locale.ROOT);
            if (m.contains("too large") || m.contains("too many") || m.contains("exceeds")) {
                return true;
            }
        }
        return false;
    }
}
