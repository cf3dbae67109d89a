-- Failed sign-ins, counted in the database so that every node sees the same counts.
-- One row per counter: an account tried from unknown devices, a known device of an account, or a
-- client address. The key is a SHA-256 of what is counted, so a password typed into the email field
-- is never stored. A row whose window has passed counts nothing and is deleted by a periodic sweep.

create table sign_in_attempt (
    counter_key       varchar(64) primary key,
    kind              varchar(8)  not null,
    failures          int not null,
    window_started_at timestamp with time zone not null,
    last_attempt_at   timestamp with time zone not null,
    constraint sign_in_attempt_kind check (kind in ('ACCOUNT', 'DEVICE', 'ADDRESS')),
    constraint sign_in_attempt_failures check (failures >= 0)
);
create index sign_in_attempt_window on sign_in_attempt (window_started_at);

-- Secrets every node shares, made once by whichever node needs one first (e.g. the key that signs
-- device cookies).
create table server_secret (
    name       varchar(40) primary key,
    secret     varchar(100) not null,
    created_at timestamp with time zone not null
);
