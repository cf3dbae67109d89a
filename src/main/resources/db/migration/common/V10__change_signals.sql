-- One row per kind of thing nodes keep in memory (e.g. the token signing keys). A change bumps its
-- row in the transaction that makes it; every node reads this small table twice a second and drops
-- what it kept of a topic whose version moved. On PostgreSQL a NOTIFY at commit makes that at once.
-- Changes of one topic take turns on its row (the keys' rotation locks it), so the rows of the
-- topics known today exist from the start.

create table change_signal (
    topic      varchar(64) primary key,
    version    bigint not null,
    changed_at timestamp with time zone not null
);

insert into change_signal (topic, version, changed_at) values ('oidc.signing-keys', 0, current_timestamp);
