-- Every email, written in the transaction of the change that caused it and sent afterwards.
-- A dispatcher claims due rows for a while (claimed_until, claimed_by) so that two nodes never
-- send the same row and a claim left by a stopped node runs out.

create table mail_outbox (
    id              uuid primary key,
    recipient       varchar(254) not null,
    recipient_key   varchar(254) not null,
    template        varchar(64)  not null,
    language        varchar(8)   not null,
    subject         varchar(998) not null,
    text_body       text not null,
    html_body       text not null,
    created_at      timestamp with time zone not null,
    status          varchar(8)   not null,
    delivery        varchar(8)   not null,
    attempts        int not null default 0,
    next_attempt_at timestamp with time zone not null,
    last_error      varchar(1000),
    sent_at         timestamp with time zone,
    claimed_until   timestamp with time zone,
    claimed_by      uuid,
    constraint mail_outbox_status check (status in ('PENDING', 'SENT', 'FAILED')),
    constraint mail_outbox_delivery check (delivery in ('SMTP', 'MAILBOX'))
);
-- The dispatcher's "due" query: pending rows by next attempt.
create index mail_outbox_due on mail_outbox (status, next_attempt_at);
-- The Mailbox page: newest first, by recipient.
create index mail_outbox_recipient on mail_outbox (recipient_key, created_at);
create index mail_outbox_created on mail_outbox (created_at);
