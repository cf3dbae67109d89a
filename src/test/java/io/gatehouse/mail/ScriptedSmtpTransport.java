package io.gatehouse.mail;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.NoSuchProviderException;
import jakarta.mail.Provider;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * SMTP as usual, to a real server, with a say for the test each time the server has accepted a
 * mail: the node's process can end there, before the node recorded the mail, or the node can pause
 * there as a slow server would hold it. Jakarta Mail creates it by name, for the senders made by
 * {@link #sender}.
 */
public class ScriptedSmtpTransport extends SMTPTransport {

    private static final AtomicInteger accepted = new AtomicInteger();
    private static volatile IntConsumer afterAccepted = n -> { };

    /** The end of a node's process, as with kill -9: nothing after it runs, nothing is recorded or released. */
    static final class NodeDied extends Error {

        NodeDied() {
            super("the node's process ended here");
        }
    }

    public ScriptedSmtpTransport(Session session, URLName name) {
        super(session, name);
    }

    /** From now on, {@code script} runs with n after the server accepted the n-th mail through these transports. */
    static void script(IntConsumer script) {
        accepted.set(0);
        afterAccepted = script;
    }

    /** A sender to that server whose connections are scripted. */
    static JavaMailSenderImpl sender(String host, int port) throws NoSuchProviderException {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(port);
        sender.getSession().setProvider(new Provider(Provider.Type.TRANSPORT, "smtp", ScriptedSmtpTransport.class.getName(),
                "Gatehouse tests", "1"));
        return sender;
    }

    @Override
    public synchronized void sendMessage(Message message, Address[] addresses) throws MessagingException {
        super.sendMessage(message, addresses);
        afterAccepted.accept(accepted.incrementAndGet());
    }
}
