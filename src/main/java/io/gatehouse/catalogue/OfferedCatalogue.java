package io.gatehouse.catalogue;

import java.time.Instant;

/**
 * A catalogue as one organization sees it: on its account (since when), or offered in its region to be
 * requested. {@code openRequest} is the number of the ticket already asking for it, if any.
 */
public record OfferedCatalogue(CatalogueView catalogue, boolean onAccount, Instant addedAt, Long openRequest) {
}
