-- What the vendor sells: desktop software, a cloud application (tied to one application of the
-- catalogue, whose rights then use the seats of the organization's licence), or content.
create table product (
    id             uuid primary key,
    name           varchar(100) not null,
    description    varchar(2000) not null default '',
    kind           varchar(16) not null,
    application_id uuid references application (id),
    created_at     timestamp with time zone not null,
    version        bigint not null default 0,
    constraint product_name_unique unique (name),
    constraint product_application_unique unique (application_id),
    constraint product_kind_known check (kind in ('DESKTOP', 'CLOUD', 'CONTENT'))
);
