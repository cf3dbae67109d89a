-- What an installation held under the first schema (V1): two organizations with sites, people in
-- several roles and states, access rights, site access, a personal API token and an audit entry.
-- The version columns are left to their V1 default (0), as the application of that time saved them.
-- Passwords: Fjord-Lantern-Harbour-31 (vendor admin, Ingrid, Mia), Birch-Window-Meadow-58 (the others).

insert into organization (id, name, name_key, region, management_mode, created_at) values
    ('10000000-0000-0000-0000-000000000001', 'Nordwind Logistics', 'nordwind logistics', 'EU', 'SELF_MANAGED', timestamp with time zone '2026-01-05 09:00:00+00'),
    ('10000000-0000-0000-0000-000000000002', 'Harbour Foods', 'harbour foods', 'AU', 'VENDOR_MANAGED', timestamp with time zone '2026-01-06 09:00:00+00');

insert into site (id, organization_id, name, name_key, created_at) values
    ('20000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', 'Oslo Terminal', 'oslo terminal', timestamp with time zone '2026-01-05 09:10:00+00'),
    ('20000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000001', 'Bergen Depot', 'bergen depot', timestamp with time zone '2026-01-05 09:11:00+00'),
    ('20000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000002', 'Sydney Kitchen', 'sydney kitchen', timestamp with time zone '2026-01-06 09:10:00+00');

insert into user_account (id, first_name, last_name, email, email_key, login, login_key, position, password_hash, status,
        language, date_format, time_zone, created_at, last_sign_in_at) values
    ('30000000-0000-0000-0000-000000000000', 'Olav', 'Vendor', 'ops@vendor.test', 'ops@vendor.test', 'ops@vendor.test', 'ops@vendor.test',
        null, '{argon2}$argon2id$v=19$m=19456,t=2,p=1$pyYb7oTgbDxeQ/AViGvGaw$WllG2GHTiM2zP1q5vn6FrG4uIRGcXecZSJnG15GjWJM', 'ACTIVE',
        'en', 'yyyy-MM-dd', 'UTC', timestamp with time zone '2026-01-01 08:00:00+00', null),
    ('30000000-0000-0000-0000-000000000001', 'Ingrid', 'Larsen', 'Ingrid.Larsen@Nordwind.test', 'ingrid.larsen@nordwind.test',
        'Ingrid.Larsen@Nordwind.test', 'ingrid.larsen@nordwind.test', 'Head of IT',
        '{argon2}$argon2id$v=19$m=19456,t=2,p=1$pyYb7oTgbDxeQ/AViGvGaw$WllG2GHTiM2zP1q5vn6FrG4uIRGcXecZSJnG15GjWJM', 'ACTIVE',
        'fr', 'dd/MM/yyyy', 'Europe/Oslo', timestamp with time zone '2026-01-05 09:20:00+00', timestamp with time zone '2026-02-01 07:45:00+00'),
    ('30000000-0000-0000-0000-000000000002', 'Åsa', 'Berg', 'asa.berg@nordwind.test', 'asa.berg@nordwind.test', 'asa.berg', 'asa.berg',
        'Dispatcher', '{argon2}$argon2id$v=19$m=19456,t=2,p=1$XnnzLafmvl/Q0iYWjLh1fw$mcClu8pVKUB0VYoG7vgdXIpl+XVkCG7FwPFnCBIYGEo', 'ACTIVE',
        'en', 'yyyy-MM-dd', 'Europe/Stockholm', timestamp with time zone '2026-01-05 09:30:00+00', null),
    ('30000000-0000-0000-0000-000000000003', 'Per', 'Olsen', 'per.olsen@nordwind.test', 'per.olsen@nordwind.test', 'per.olsen@nordwind.test',
        'per.olsen@nordwind.test', null,
        '{argon2}$argon2id$v=19$m=19456,t=2,p=1$XnnzLafmvl/Q0iYWjLh1fw$mcClu8pVKUB0VYoG7vgdXIpl+XVkCG7FwPFnCBIYGEo', 'ACTIVE',
        'en', 'MM/dd/yyyy', 'Europe/Oslo', timestamp with time zone '2026-01-05 09:31:00+00', null),
    ('30000000-0000-0000-0000-000000000004', 'Kai', 'Nilsen', 'kai.nilsen@nordwind.test', 'kai.nilsen@nordwind.test', 'kai.nilsen@nordwind.test',
        'kai.nilsen@nordwind.test', null,
        '{argon2}$argon2id$v=19$m=19456,t=2,p=1$XnnzLafmvl/Q0iYWjLh1fw$mcClu8pVKUB0VYoG7vgdXIpl+XVkCG7FwPFnCBIYGEo', 'DISABLED',
        'en', 'dd/MM/yyyy', 'Europe/Oslo', timestamp with time zone '2026-01-05 09:32:00+00', null),
    ('30000000-0000-0000-0000-000000000005', 'Mia', 'Chen', 'mia.chen@harbour.test', 'mia.chen@harbour.test', 'mia.chen@harbour.test',
        'mia.chen@harbour.test', 'Operations',
        '{argon2}$argon2id$v=19$m=19456,t=2,p=1$pyYb7oTgbDxeQ/AViGvGaw$WllG2GHTiM2zP1q5vn6FrG4uIRGcXecZSJnG15GjWJM', 'ACTIVE',
        'en', 'dd/MM/yyyy', 'Australia/Sydney', timestamp with time zone '2026-01-06 09:20:00+00', null);

insert into staff_member (user_id, role, created_at) values
    ('30000000-0000-0000-0000-000000000000', 'VENDOR_ADMIN', timestamp with time zone '2026-01-01 08:00:00+00');

insert into membership (id, organization_id, user_id, role, status, first_name_key, last_name_key, email_key, login_key, created_at) values
    ('40000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000001',
        'MANAGER', 'ACTIVE', 'ingrid', 'larsen', 'ingrid.larsen@nordwind.test', 'ingrid.larsen@nordwind.test', timestamp with time zone '2026-01-05 09:20:00+00'),
    ('40000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000002',
        'USER', 'ACTIVE', 'åsa', 'berg', 'asa.berg@nordwind.test', 'asa.berg', timestamp with time zone '2026-01-05 09:30:00+00'),
    ('40000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000003',
        'OPERATOR', 'BLOCKED', 'per', 'olsen', 'per.olsen@nordwind.test', 'per.olsen@nordwind.test', timestamp with time zone '2026-01-05 09:31:00+00'),
    ('40000000-0000-0000-0000-000000000004', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000004',
        'USER', 'ACTIVE', 'kai', 'nilsen', 'kai.nilsen@nordwind.test', 'kai.nilsen@nordwind.test', timestamp with time zone '2026-01-05 09:32:00+00'),
    ('40000000-0000-0000-0000-000000000005', '10000000-0000-0000-0000-000000000002', '30000000-0000-0000-0000-000000000005',
        'MANAGER', 'ACTIVE', 'mia', 'chen', 'mia.chen@harbour.test', 'mia.chen@harbour.test', timestamp with time zone '2026-01-06 09:20:00+00'),
    ('40000000-0000-0000-0000-000000000006', '10000000-0000-0000-0000-000000000002', '30000000-0000-0000-0000-000000000002',
        'CONTRIBUTOR', 'ACTIVE', 'åsa', 'berg', 'asa.berg@nordwind.test', 'asa.berg', timestamp with time zone '2026-01-07 10:00:00+00');

-- Åsa: Showcase 360 Administrator and Contacts Viewer at Nordwind, Licenses at Harbour Foods.
insert into membership_right (membership_id, right_id) values
    ('40000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-00000000b001'),
    ('40000000-0000-0000-0000-000000000002', '00000000-0000-0000-0000-00000000b004'),
    ('40000000-0000-0000-0000-000000000006', '00000000-0000-0000-0000-00000000b003'),
    ('40000000-0000-0000-0000-000000000003', '00000000-0000-0000-0000-00000000b005');

insert into site_access (membership_id, site_id) values
    ('40000000-0000-0000-0000-000000000002', '20000000-0000-0000-0000-000000000001'),
    ('40000000-0000-0000-0000-000000000003', '20000000-0000-0000-0000-000000000002'),
    ('40000000-0000-0000-0000-000000000006', '20000000-0000-0000-0000-000000000003');

-- Ingrid's token for a nightly export: gh_nightly-export-issued-under-the-first-schema-0001.
insert into api_token (id, user_id, name, token_hash, created_at, expires_at, last_used_at) values
    ('50000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000001', 'Nightly export',
        '12483e427909b4d8b10457465def5d473c01c8b068102a37c818a18b52ff5448', timestamp with time zone '2026-01-10 12:00:00+00', null, null);

insert into audit_entry (id, occurred_at, actor_id, actor_label, organization_id, action, target_type, target_id, before_state, after_state, client_address) values
    ('60000000-0000-0000-0000-000000000001', timestamp with time zone '2026-01-05 09:30:00+00', '30000000-0000-0000-0000-000000000001',
        'Ingrid Larsen <Ingrid.Larsen@Nordwind.test>', '10000000-0000-0000-0000-000000000001', 'member.added', 'user',
        '30000000-0000-0000-0000-000000000002', null, '{"role":"USER","rights":["Showcase 360 Administrator","Contacts Viewer"]}', '192.0.2.10');
