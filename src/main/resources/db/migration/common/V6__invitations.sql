-- Invitations. A new address gets an account at once, waiting for its owner to register
-- (status INVITED, no password yet), and its membership with the chosen role, rights and sites,
-- so the person shows in User Management as "notified" from the first minute.
alter table user_account alter column password_hash drop not null;
alter table user_account add column terms_accepted_at timestamp with time zone;

-- Set when the membership came from an invitation: "notified" until the person's next sign-in, then "connected".
alter table membership add column invited_at timestamp with time zone;

-- The language of mail to people who have not chosen one yet.
alter table organization add column default_language varchar(8) default 'en' not null;

create table invitation (
    id               uuid primary key,
    organization_id  uuid not null references organization (id) on delete cascade,
    user_id          uuid references user_account (id) on delete set null,
    email            varchar(254) not null,
    role             varchar(16) not null,
    kind             varchar(16) not null,
    status           varchar(16) not null,
    invited_by       uuid references user_account (id) on delete set null,
    invited_by_label varchar(300) not null,
    token_hash       varchar(64),
    created_at       timestamp with time zone not null,
    sent_at          timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    accepted_at      timestamp with time zone,
    revoked_at       timestamp with time zone,
    version          bigint not null default 0
);
create index invitation_organization on invitation (organization_id, created_at);
create index invitation_user on invitation (user_id);
create index invitation_token on invitation (token_hash);

create table password_reset (
    id         uuid primary key,
    user_id    uuid not null references user_account (id) on delete cascade,
    token_hash varchar(64) not null,
    created_at timestamp with time zone not null,
    expires_at timestamp with time zone not null,
    used_at    timestamp with time zone,
    constraint password_reset_token_unique unique (token_hash)
);
create index password_reset_user on password_reset (user_id);

-- A row written by SQL (an import, a script) starts at version 1, as one saved by the application
-- does: version 0 would read as "never saved" and be inserted again instead of updated.
alter table organization alter column version set default 1;
alter table site alter column version set default 1;
alter table user_account alter column version set default 1;
alter table membership alter column version set default 1;
alter table invitation alter column version set default 1;
update organization set version = 1 where version = 0;
update site set version = 1 where version = 0;
update user_account set version = 1 where version = 0;
update membership set version = 1 where version = 0;
