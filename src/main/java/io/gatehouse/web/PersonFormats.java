package io.gatehouse.web;

import io.gatehouse.user.AccountView;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Dates as the signed-in person asked for them: their date format, in their time zone. Templates
 * write {@code ${@dates.date(instant)}} or {@code ${@dates.dateTime(instant)}}.
 */
@Component("dates")
public class PersonFormats {

    private static final String ATTRIBUTE = PersonFormats.class.getName();

    private final SignedInAccount signedIn;

    PersonFormats(SignedInAccount signedIn) {
        this.signedIn = signedIn;
    }

    record Format(DateTimeFormatter date, DateTimeFormatter dateTime, ZoneId zone) {
    }

    public String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        Format format = format();
        return format.date().format(instant.atZone(format.zone()));
    }

    /** A calendar day (a release, publication or licence end date) in the person's date format; no time zone moves it. */
    public String day(java.time.LocalDate day) {
        return day == null ? "" : format().date().format(day);
    }

    /** A file's size as people read it: "840 KB", "1.4 GB" (decimal units, the person's decimal mark). */
    public String fileSize(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double size = bytes;
        int unit = 0;
        while (size >= 1000 && unit < units.length - 1) {
            size /= 1000;
            unit++;
        }
        java.text.NumberFormat number = java.text.NumberFormat.getNumberInstance(
                org.springframework.context.i18n.LocaleContextHolder.getLocale());
        number.setMaximumFractionDigits(unit == 0 || size >= 100 ? 0 : 1);
        return number.format(size) + "\u00a0" + units[unit];
    }

    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        Format format = format();
        return format.dateTime().format(instant.atZone(format.zone()));
    }

    /** The pattern shown next to date inputs and in help texts, e.g. "dd/MM/yyyy". */
    public String pattern() {
        AccountView me = me();
        return me == null ? "dd/MM/yyyy" : me.dateFormat().pattern();
    }

    private Format format() {
        HttpServletRequest request = request();
        if (request != null && request.getAttribute(ATTRIBUTE) instanceof Format cached) {
            return cached;
        }
        AccountView me = me();
        String pattern = me == null ? "dd/MM/yyyy" : me.dateFormat().pattern();
        ZoneId zone = ZoneOffset.UTC;
        if (me != null) {
            try {
                zone = ZoneId.of(me.timeZone());
            } catch (RuntimeException ignored) {
                // an unknown zone stored long ago shows UTC rather than failing the page
            }
        }
        Format format = new Format(DateTimeFormatter.ofPattern(pattern), DateTimeFormatter.ofPattern(pattern + " HH:mm"), zone);
        if (request != null) {
            request.setAttribute(ATTRIBUTE, format);
        }
        return format;
    }

    private AccountView me() {
        return signedIn.of(request()).orElse(null);
    }

    private static HttpServletRequest request() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
