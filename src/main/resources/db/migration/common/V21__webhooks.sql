-- Webhooks: one endpoint per application of the catalogue, told when a person's access changes.
-- The signing secret is sealed (AES-GCM) with the server's webhook key: it must be read again to sign.

create table application_webhook (
    application_id uuid primary key references application (id),
    url            varchar(2000) not null,
    secret_sealed  varchar(200)  not null,
    created_at     timestamp with time zone not null,
    rotated_at     timestamp with time zone,
    -- After a rotation the previous secret signs too, until previous_until, so the application can switch without refusing a message.
    previous_secret_sealed varchar(200),
    previous_until timestamp with time zone
);

-- Every message to an application, written in the transaction of the change that caused it and sent
-- afterwards. event_id is the message's identity for the receiver (the webhook-id header), the same on
-- every attempt. A dispatcher claims due rows for a while (leased_until, leased_by) so that two nodes
-- never send the same row at once and a claim left by a stopped node runs out.
create table webhook_delivery (
    id                uuid primary key,
    application_id    uuid not null references application (id),
    kind              varchar(32)  not null,
    event_id          varchar(64)  not null,
    organization_id   uuid not null,
    user_id           uuid not null,
    change_request_id uuid,
    payload           text not null,
    status            varchar(16)  not null,
    attempts          int not null default 0,
    next_attempt_at   timestamp with time zone not null,
    retry_until       timestamp with time zone not null,
    last_error        varchar(1000),
    last_status_code  int,
    created_at        timestamp with time zone not null,
    delivered_at      timestamp with time zone,
    leased_until      timestamp with time zone,
    leased_by         uuid,
    constraint webhook_delivery_status check (status in ('PENDING', 'RETRYING', 'DELIVERED', 'FAILED')),
    constraint webhook_delivery_event unique (event_id)
);
-- The dispatcher's "due" query.
create index webhook_delivery_due on webhook_delivery (status, next_attempt_at);
-- An application's deliveries, newest first.
create index webhook_delivery_application on webhook_delivery (application_id, created_at);
-- What a ticket and a member's page show.
create index webhook_delivery_request on webhook_delivery (change_request_id);
create index webhook_delivery_member on webhook_delivery (organization_id, user_id, created_at);
