package io.gatehouse.storage;

import io.gatehouse.shared.InputLimits;
import io.gatehouse.shared.InvalidInputException;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/** What an upload announces about itself — its name, type and checksum — checked before a byte is read. */
public final class UploadNames {

    public static final int MAX_NAME = 255;
    public static final int MAX_CONTENT_TYPE = 100;

    private UploadNames() {
    }

    /** A name to save the file under on any system: no folders, no control characters, not hidden. */
    public static String fileName(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty()) {
            throw InvalidInputException.of("name", "validation.required");
        }
        if (stripped.length() > MAX_NAME) {
            throw InvalidInputException.of("name", "validation.size.max", MAX_NAME);
        }
        InputLimits.requireText("name", stripped);
        if (stripped.startsWith(".") || stripped.chars().anyMatch(c -> "/\\:*?\"<>|".indexOf(c) >= 0)) {
            throw InvalidInputException.of("name", "products.file.nameInvalid");
        }
        return stripped;
    }

    /** The type the sender gave, unless it is the generic one: then the one the name suggests. */
    public static String contentType(String given, String name) {
        MediaType parsed = null;
        if (given != null && !given.isBlank()) {
            try {
                parsed = MediaType.parseMediaType(given);
            } catch (RuntimeException e) {
                throw InvalidInputException.of("contentType", "validation.invalid");
            }
        }
        if (parsed == null || parsed.equalsTypeAndSubtype(MediaType.APPLICATION_OCTET_STREAM) || parsed.isWildcardType()
                || parsed.getType().equals("multipart") || parsed.equalsTypeAndSubtype(MediaType.APPLICATION_FORM_URLENCODED)) {
            Optional<MediaType> guessed = MediaTypeFactory.getMediaType(name);
            parsed = guessed.orElse(MediaType.APPLICATION_OCTET_STREAM);
        }
        String text = parsed.getType() + "/" + parsed.getSubtype();
        return text.length() > MAX_CONTENT_TYPE ? MediaType.APPLICATION_OCTET_STREAM_VALUE : text;
    }

    /**
     * The size an upload whose bytes are the request's body must arrive with: the {@code size} parameter,
     * else Content-Length; null when neither says. A form or multipart body is refused: the bytes are the body.
     */
    public static Long expectedSize(jakarta.servlet.http.HttpServletRequest request, Long size) {
        String contentType = request.getContentType();
        if (contentType != null && (contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                || contentType.toLowerCase(Locale.ROOT).startsWith("multipart/"))) {
            throw InvalidInputException.of("body", "products.file.rawBodyRequired");
        }
        long announced = request.getContentLengthLong();
        if (size != null && announced >= 0 && size != announced) {
            throw InvalidInputException.of("size", "storage.upload.sizeMismatch", size, announced);
        }
        return size != null ? size : announced >= 0 ? Long.valueOf(announced) : null;
    }

    /** The SHA-256 the sender announced, in lower-case hex; null when none. */
    public static String sha256(String sha256) {
        if (sha256 == null || sha256.isBlank()) {
            return null;
        }
        String lower = sha256.strip().toLowerCase(Locale.ROOT);
        if (!UploadCheck.isSha256(lower)) {
            throw InvalidInputException.of("sha256", "products.file.sha256Invalid");
        }
        return lower;
    }
}
