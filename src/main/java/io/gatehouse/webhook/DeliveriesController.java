package io.gatehouse.webhook;

import io.gatehouse.access.Actor;
import io.gatehouse.shared.InvalidInputException;
import io.gatehouse.shared.NotFoundException;
import io.gatehouse.shared.PageRequest;
import io.gatehouse.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Locale;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/applications/{applicationId}/deliveries")
@Tag(name = "Webhook deliveries", description = "What each application was told of changes of people's access, and how it went")
class DeliveriesController {

    private final Deliveries deliveries;

    DeliveriesController(Deliveries deliveries) {
        this.deliveries = deliveries;
    }

    @GetMapping
    @Operation(summary = "An application's deliveries, newest first (vendor admin): status, attempts, the receiver's last answer")
    PageResult<DeliveryView> list(Actor actor, @PathVariable String applicationId,
            @Parameter(description = "pending, retrying, delivered or failed") @RequestParam(required = false) String status,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        return deliveries.list(actor, id(applicationId, "application"), status(status), PageRequest.of(page, size));
    }

    @GetMapping("/{deliveryId}")
    @Operation(summary = "One delivery (vendor admin)")
    DeliveryView get(Actor actor, @PathVariable String applicationId, @PathVariable String deliveryId) {
        return deliveries.get(actor, id(applicationId, "application"), id(deliveryId, "delivery"));
    }

    @PostMapping("/{deliveryId}/retry")
    @Operation(summary = "Send a failed delivery, or one waiting for its next attempt, again now (vendor admin); retried for another day if need be")
    @ApiResponse(responseCode = "200", description = "Due now")
    @ApiResponse(responseCode = "409", description = "Delivered already, or not tried yet")
    DeliveryView retry(Actor actor, @PathVariable String applicationId, @PathVariable String deliveryId) {
        return deliveries.retry(actor, id(applicationId, "application"), id(deliveryId, "delivery"));
    }

    private static DeliveryStatus status(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return DeliveryStatus.valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidInputException.of("status", "validation.delivery.status");
        }
    }

    private static UUID id(String text, String kind) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(kind);
        }
    }
}
