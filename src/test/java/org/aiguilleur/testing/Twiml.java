package org.aiguilleur.testing;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * A TwiML document as Twilio reads it: well-formed XML whose root is {@code <Response>} and whose
 * children are verbs Twilio knows. Parsing fails the test otherwise.
 */
public final class Twiml {
    private static final List<String> VERBS = List.of("Say", "Play", "Gather", "Record", "Enqueue", "Dial", "Hangup",
            "Redirect", "Pause", "Leave", "Reject");
    private final Element root;

    private Twiml(Element root) {
        this.root = root;
    }

    public static Twiml parse(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element root = d.getDocumentElement();
            if (!root.getTagName().equals("Response")) {
                throw new AssertionError("TwiML root is " + root.getTagName() + ": " + xml);
            }
            Twiml t = new Twiml(root);
            for (Element v : t.verbs()) {
                if (!VERBS.contains(v.getTagName())) {
                    throw new AssertionError("unknown TwiML verb " + v.getTagName() + ": " + xml);
                }
            }
            return t;
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("not valid TwiML: " + xml, e);
        }
    }

    /** The top-level verbs, in order. */
    public List<Element> verbs() {
        return children(root);
    }

    public List<String> verbNames() {
        return verbs().stream().map(Element::getTagName).toList();
    }

    /** The first verb with this name, anywhere (a {@code <Say>} inside a {@code <Gather>} too). */
    public Optional<Element> first(String tag) {
        NodeList l = root.getElementsByTagName(tag);
        return l.getLength() == 0 ? Optional.empty() : Optional.of((Element) l.item(0));
    }

    public Element required(String tag) {
        return first(tag).orElseThrow(() -> new AssertionError("no <" + tag + "> in " + this));
    }

    /** Every {@code <Say>}, anywhere, in order. */
    public List<Element> says() {
        NodeList l = root.getElementsByTagName("Say");
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < l.getLength(); i++) {
            out.add((Element) l.item(i));
        }
        return out;
    }

    /** Everything said, joined. */
    public String spoken() {
        return String.join(" ", says().stream().map(Element::getTextContent).toList());
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return verbNames().toString();
    }
}
