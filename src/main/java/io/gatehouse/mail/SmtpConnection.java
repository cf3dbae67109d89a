package io.gatehouse.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One SMTP connection for a run of mails, sending them one at a time so that each can be recorded
 * as sent as soon as the server took it. Opened for the first mail, and again should the server
 * have dropped it. A sender that is not Spring's own implementation sends each mail by itself.
 */
final class SmtpConnection implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SmtpConnection.class);

    /** The mail server could not be reached or refused the sign-in: no mail of this run can leave. */
    static final class Unreachable extends Exception {

        Unreachable(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    private final JavaMailSender sender;
    private Transport transport;

    SmtpConnection(JavaMailSender sender) {
        this.sender = sender;
    }

    /** Returns once the server accepted the message. */
    void send(MimeMessage message) throws MessagingException, Unreachable {
        if (!(sender instanceof JavaMailSenderImpl impl)) {
            sender.send(message);
            return;
        }
        if (transport == null || !transport.isConnected()) {
            close();
            transport = connect(impl);
        }
        message.saveChanges();
        transport.sendMessage(message, message.getAllRecipients());
    }

    /** As JavaMailSenderImpl connects: an empty user name (an unset placeholder) means none. */
    private static Transport connect(JavaMailSenderImpl impl) throws Unreachable {
        String username = impl.getUsername();
        String password = impl.getPassword();
        if ("".equals(username)) {
            username = null;
            if ("".equals(password)) {
                password = null;
            }
        }
        String protocol = impl.getProtocol() != null ? impl.getProtocol()
                : impl.getSession().getProperty("mail.transport.protocol") != null
                        ? impl.getSession().getProperty("mail.transport.protocol") : JavaMailSenderImpl.DEFAULT_PROTOCOL;
        Transport opened = null;
        try {
            opened = impl.getSession().getTransport(protocol);
            opened.connect(impl.getHost(), impl.getPort(), username, password);
            return opened;
        } catch (MessagingException | RuntimeException e) {
            closeQuietly(opened);
            throw new Unreachable(e);
        }
    }

    @Override
    public void close() {
        closeQuietly(transport);
        transport = null;
    }

    private static void closeQuietly(Transport transport) {
        if (transport != null) {
            try {
                transport.close();
            } catch (MessagingException | RuntimeException e) {
                // Every mail sent on it was accepted already; only the goodbye failed.
                log.debug("Mail server connection did not close cleanly: {}", e.toString());
            }
        }
    }
}
