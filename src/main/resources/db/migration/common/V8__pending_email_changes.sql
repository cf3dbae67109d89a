-- A change of an account's email waits here until the new address confirms it through a
-- single-use link (only the digest of the link's secret is kept). Applied, superseded or expired
-- rows stay as a record; a confirmed one has confirmed_at, a superseded one cancelled_at.
create table pending_email_change (
    id                 uuid primary key,
    user_id            uuid not null references user_account (id) on delete cascade,
    new_email          varchar(254) not null,
    token_hash         varchar(64) not null,
    requested_by       uuid references user_account (id) on delete set null,
    requested_by_label varchar(300) not null,
    created_at         timestamp with time zone not null,
    expires_at         timestamp with time zone not null,
    confirmed_at       timestamp with time zone,
    cancelled_at       timestamp with time zone,
    constraint pending_email_change_token_unique unique (token_hash)
);
create index pending_email_change_user on pending_email_change (user_id);
