-- What a portal session was signed in from, kept beside Spring Session's own row (whose primary id
-- stays the same when the session id changes at sign-in) and deleted with it.
create table session_sign_in (
    session_primary_id char(36) primary key,
    user_id            uuid not null references user_account (id) on delete cascade,
    user_agent         varchar(400),
    client_address     varchar(64),
    signed_in_at       timestamp with time zone not null,
    constraint session_sign_in_session foreign key (session_primary_id)
        references spring_session (primary_id) on delete cascade
);
create index session_sign_in_user on session_sign_in (user_id);

-- Where a personal API token was last used from, written with last_used_at (at most once a minute).
alter table api_token add column last_used_address varchar(64);
