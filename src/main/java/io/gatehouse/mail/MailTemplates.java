package io.gatehouse.mail;

import java.text.MessageFormat;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.NoSuchMessageException;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.exceptions.TemplateInputException;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a mail from templates/mail/NAME.html and its plain-text twin NAME.txt, with the subject
 * from message mail.NAME.subject, in the recipient's language. An engine of its own, not a bean,
 * so the portal's page rendering stays exactly as Spring Boot sets it up.
 */
@Component
class MailTemplates {

    record Rendered(String subject, String text, String html) {
    }

    private final SpringTemplateEngine engine = new SpringTemplateEngine();
    private final Set<String> present = ConcurrentHashMap.newKeySet();
    private final MessageSource messages;
    private final String vendorName;
    private final String portalUrl;

    MailTemplates(MessageSource messages, @Value("${gatehouse.vendor.name:Gatehouse}") String vendorName,
            @Value("${gatehouse.public-url:http://localhost:8080}") String publicUrl) {
        this.messages = messages;
        this.vendorName = vendorName == null || vendorName.isBlank() ? "Gatehouse" : vendorName.strip();
        this.portalUrl = withoutTrailingSlash(publicUrl == null || publicUrl.isBlank() ? "http://localhost:8080" : publicUrl.strip());
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        engine.setTemplateEngineMessageSource(messages);
    }

    String portalUrl() {
        return portalUrl;
    }

    Rendered render(MailRequest request) {
        if (!present.contains(request.template())) {
            for (String part : List.of(".html", ".txt")) {
                if (MailTemplates.class.getClassLoader().getResource("templates/mail/" + request.template() + part) == null) {
                    throw new IllegalArgumentException("no mail template templates/mail/" + request.template() + part);
                }
            }
            // Looking a resource up walks the class path: once per template is enough (they ship in the jar, the same on every node).
            present.add(request.template());
        }
        Locale locale = request.locale();
        String separator = "ja".equals(locale.getLanguage()) ? "、" : ", ";
        Map<String, Object> variables = new HashMap<>(request.variables());
        if (variables.get("link") instanceof String link && link.startsWith("/")) {
            variables.put("link", portalUrl + link);
        }
        variables.put("vendorName", vendorName);
        variables.put("portalUrl", portalUrl);
        variables.put("listSeparator", separator);
        Context context = new Context(locale, variables);
        try {
            String html = engine.process(request.template() + ".html", context);
            // Template comments and conditions leave blank lines at the edges.
            String text = engine.process(request.template() + ".txt", context).strip() + "\n";
            return new Rendered(subject(request, separator), text, html);
        } catch (TemplateInputException e) {
            throw new IllegalArgumentException("mail template " + request.template() + " cannot be rendered: " + e.getMessage(), e);
        }
    }

    /** mail.NAME.subject with {0}, {1}… from the subjectArgs variable; a list among them reads "A, B". */
    private String subject(MailRequest request, String separator) {
        String code = "mail." + request.template() + ".subject";
        Object[] args = request.variables().get("subjectArgs") instanceof Collection<?> list
                ? list.stream().map(a -> a instanceof Collection<?> c ? join(c, separator) : a).toArray() : new Object[0];
        String pattern;
        try {
            pattern = messages.getMessage(code, null, request.locale());
        } catch (NoSuchMessageException e) {
            throw new IllegalArgumentException("no subject " + code + " for mail template " + request.template(), e);
        }
        int needed = new MessageFormat(pattern, request.locale()).getFormatsByArgumentIndex().length;
        if (args.length < needed) {
            throw new IllegalArgumentException(code + " needs " + needed + " subjectArgs, got " + args.length);
        }
        String subject = args.length == 0 ? pattern : messages.getMessage(code, args, request.locale());
        // One line: a name with a line break must not start a header of its own.
        subject = subject.replaceAll("\\s+", " ").strip();
        return subject.length() > 900 ? subject.substring(0, 900) : subject;
    }

    private static String join(Collection<?> values, String separator) {
        return values.stream().map(String::valueOf).collect(Collectors.joining(separator));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding("UTF-8");
        resolver.setCacheable(true);
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }

    private static String withoutTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

}
