package io.gatehouse.product;

import io.gatehouse.access.Actor;
import io.gatehouse.access.Actors;
import io.gatehouse.security.SignedLinks;
import io.gatehouse.shared.Audited;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.OrganizationId;
import io.gatehouse.shared.ProductUsed;
import io.gatehouse.shared.UserId;
import io.gatehouse.storage.DownloadPlan;
import io.gatehouse.storage.Downloads;
import io.gatehouse.storage.StoredFile;
import io.gatehouse.storage.StoredFiles;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Release files on their way out: the access decision first (a denial reads as "no such file"),
 * then an audit entry of who took what, when and from where, committed before the first byte, then
 * the bytes, streamed. Holds no transaction while streaming.
 */
@Service
public class ReleaseDownloads {

    static final String LINK_PURPOSE = "release-file";

    private final Releases releases;
    private final StoredFiles files;
    private final Downloads downloads;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final SignedLinks links;
    private final Actors actors;
    private final Clock clock;
    private final String publicUrl;
    private final Duration linkValidFor;
    private final Duration linkMaxValidFor;

    ReleaseDownloads(Releases releases, StoredFiles files, Downloads downloads, TransactionTemplate transactions,
            ApplicationEventPublisher events, SignedLinks links, Actors actors, Clock clock,
            @Value("${gatehouse.public-url:http://localhost:8080}") String publicUrl,
            @Value("${gatehouse.downloads.link-valid-for:24h}") Duration linkValidFor,
            @Value("${gatehouse.downloads.link-max-valid-for:7d}") Duration linkMaxValidFor) {
        this.releases = releases;
        this.files = files;
        this.downloads = downloads;
        this.transactions = transactions;
        this.events = events;
        this.links = links;
        this.actors = actors;
        this.clock = clock;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.linkValidFor = linkValidFor;
        this.linkMaxValidFor = linkMaxValidFor;
    }

    /**
     * Sends the file to {@code actor} when {@code access} allows it, answering Range, If-Range and
     * If-None-Match; audited under {@code organization} (null for the vendor's own staff).
     */
    public void send(Actor actor, OrganizationId organization, UUID fileId, FileAccess access, HttpServletRequest request,
            HttpServletResponse response) {
        send(actor, organization, permitted(actor, fileId, access), access, "api", request, response);
    }

    /** A link to the file that works without signing in until it expires; made only by someone who may download it now. */
    public SignedLink link(Actor actor, UUID fileId, FileAccess access, Integer validForMinutes) {
        permitted(actor, fileId, access);
        Duration validFor = linkValidFor;
        if (validForMinutes != null) {
            if (validForMinutes < 1 || validForMinutes > linkMaxValidFor.toMinutes()) {
                throw InvalidInputException.of("expiresInMinutes", "validation.range", 1, linkMaxValidFor.toMinutes());
            }
            validFor = Duration.ofMinutes(validForMinutes);
        }
        Instant expires = clock.instant().plus(validFor).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String signature = links.sign(LINK_PURPOSE, subject(fileId, actor.userId()), expires);
        String url = publicUrl + "/api/v1/files/" + fileId + "/download?by=" + actor.userId() + "&expires=" + expires.getEpochSecond()
                + "&signature=" + signature;
        return new SignedLink(url, expires);
    }

    /**
     * A download through a signed link: the signature first (any change to the link breaks it), then
     * its expiry, then whether the person who made it may still download the file today.
     */
    public void sendByLink(UUID fileId, String by, String expires, String signature, FileAccess access, HttpServletRequest request,
            HttpServletResponse response) {
        UserId maker;
        long expiresAt;
        try {
            maker = UserId.parse(by);
            expiresAt = Long.parseLong(expires);
        } catch (RuntimeException e) {
            throw new DownloadLinkException(false);
        }
        if (!links.verify(LINK_PURPOSE, subject(fileId, maker), expiresAt, signature)) {
            throw new DownloadLinkException(false);
        }
        if (clock.instant().getEpochSecond() >= expiresAt) {
            throw new DownloadLinkException(true);
        }
        Actor actor = maker(maker, request).orElseThrow(() -> new DownloadLinkException(false));
        DownloadableReleaseFile file;
        try {
            file = permitted(actor, fileId, access);
        } catch (NotFoundException e) {
            throw new DownloadLinkException(false);
        }
        send(actor, null, file, access, "link", request, response);
    }

    private Optional<Actor> maker(UserId maker, HttpServletRequest request) {
        try {
            return actors.forRequest(maker, request);
        } catch (RuntimeException gone) {
            return Optional.empty();
        }
    }

    private DownloadableReleaseFile permitted(Actor actor, UUID fileId, FileAccess access) {
        DownloadableReleaseFile file = releases.file(fileId).orElseThrow(() -> new NotFoundException("file"));
        if (access.decide(actor, file).denied()) {
            throw new NotFoundException("file");
        }
        return file;
    }

    private void send(Actor actor, OrganizationId organization, DownloadableReleaseFile file, FileAccess access, String via,
            HttpServletRequest request, HttpServletResponse response) {
        StoredFile stored = files.find(file.file().id()).orElseThrow(() -> new NotFoundException("file"));
        DownloadPlan plan = downloads.plan(request, stored.downloadable());
        if (plan.sendsContent() && !"HEAD".equalsIgnoreCase(request.getMethod())) {
            Map<String, Object> after = new LinkedHashMap<>();
            after.put("product", file.product().name());
            after.put("version", file.version());
            after.put("platform", file.file().platform().name());
            after.put("name", stored.name());
            after.put("sha256", stored.sha256());
            after.put("bytes", plan.kind() == DownloadPlan.Kind.RANGE
                    ? plan.offset() + "-" + (plan.offset() + plan.length() - 1) + "/" + stored.size() : "all/" + stored.size());
            after.put("via", via);
            transactions.executeWithoutResult(status -> {
                events.publishEvent(
                        new Audited(actor.ref(), organization, "release.fileDownloaded", "file", stored.id().toString(), null, after));
                for (OrganizationId using : access.usedFor(actor, file)) {
                    events.publishEvent(new ProductUsed(using, actor.userId(), file.product().id(), file.product().name(), file.version()));
                }
            });
        }
        downloads.send(plan, request, response);
    }

    private static String subject(UUID fileId, UserId maker) {
        return fileId + "/" + maker;
    }
}
