-- Rows written between V6 and V12, before V13 recorded which version of the terms of use a person
-- accepted: people invited and still to register, one who registered through an invitation
-- (accepted the terms, signed in since), an organization's mail language and a preferred organization.
-- Passwords: Birch-Window-Meadow-58.

update organization set default_language = 'fr' where id = '10000000-0000-0000-0000-000000000001';
update user_account set preferred_organization_id = '10000000-0000-0000-0000-000000000002'
    where id = '30000000-0000-0000-0000-000000000002';

insert into user_account (id, first_name, last_name, email, email_key, login, login_key, position, password_hash, status,
        language, date_format, time_zone, created_at, last_sign_in_at, terms_accepted_at) values
    ('30000000-0000-0000-0000-000000000006', 'Noor', 'Haddad', 'noor.haddad@nordwind.test', 'noor.haddad@nordwind.test',
        'noor.haddad@nordwind.test', 'noor.haddad@nordwind.test', null, null, 'INVITED',
        'fr', 'dd/MM/yyyy', 'Europe/Oslo', current_timestamp, null, null),
    ('30000000-0000-0000-0000-000000000007', 'Lea', 'Weber', 'lea.weber@nordwind.test', 'lea.weber@nordwind.test',
        'lea.weber@nordwind.test', 'lea.weber@nordwind.test', null,
        '{argon2}$argon2id$v=19$m=19456,t=2,p=1$XnnzLafmvl/Q0iYWjLh1fw$mcClu8pVKUB0VYoG7vgdXIpl+XVkCG7FwPFnCBIYGEo', 'ACTIVE',
        'es', 'dd/MM/yyyy', 'Europe/Madrid', timestamp with time zone '2026-02-02 10:00:00+00',
        timestamp with time zone '2026-02-03 08:00:00+00', timestamp with time zone '2026-02-02 10:05:00+00'),
    ('30000000-0000-0000-0000-000000000008', 'Sven', 'Dahl', 'sven.dahl@harbour.test', 'sven.dahl@harbour.test',
        'sven.dahl@harbour.test', 'sven.dahl@harbour.test', null, null, 'INVITED',
        'en', 'dd/MM/yyyy', 'Australia/Sydney', current_timestamp, null, null);

insert into membership (id, organization_id, user_id, role, status, first_name_key, last_name_key, email_key, login_key, created_at, invited_at) values
    ('40000000-0000-0000-0000-000000000007', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000006',
        'USER', 'ACTIVE', 'noor', 'haddad', 'noor.haddad@nordwind.test', 'noor.haddad@nordwind.test', current_timestamp, current_timestamp),
    ('40000000-0000-0000-0000-000000000008', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000007',
        'CONTRIBUTOR', 'ACTIVE', 'lea', 'weber', 'lea.weber@nordwind.test', 'lea.weber@nordwind.test',
        timestamp with time zone '2026-02-02 10:00:00+00', timestamp with time zone '2026-02-02 10:00:00+00'),
    ('40000000-0000-0000-0000-000000000009', '10000000-0000-0000-0000-000000000002', '30000000-0000-0000-0000-000000000008',
        'USER', 'ACTIVE', 'sven', 'dahl', 'sven.dahl@harbour.test', 'sven.dahl@harbour.test', current_timestamp, current_timestamp);

insert into membership_right (membership_id, right_id) values
    ('40000000-0000-0000-0000-000000000007', '00000000-0000-0000-0000-00000000b004'),
    ('40000000-0000-0000-0000-000000000008', '00000000-0000-0000-0000-00000000b003');

-- The links sent, valid for a week from now: Noor's InvitedUnderSchemaTwelveWaitingToRegister01,
-- Sven's InvitedUnderSchemaTwelveAtHarbourFoods00002.
insert into invitation (id, organization_id, user_id, email, role, kind, status, invited_by, invited_by_label, token_hash,
        created_at, sent_at, expires_at, accepted_at, revoked_at) values
    ('70000000-0000-0000-0000-000000000001', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000006',
        'noor.haddad@nordwind.test', 'USER', 'INVITED', 'PENDING', '30000000-0000-0000-0000-000000000001',
        'Ingrid Larsen <Ingrid.Larsen@Nordwind.test>', '317976ee5e7aa41cff843b24db3abb22b3bc8efa3e7ceec0d3029f7ea0ffedda',
        current_timestamp, current_timestamp, current_timestamp + interval '7' day, null, null),
    ('70000000-0000-0000-0000-000000000002', '10000000-0000-0000-0000-000000000001', '30000000-0000-0000-0000-000000000007',
        'lea.weber@nordwind.test', 'CONTRIBUTOR', 'INVITED', 'ACCEPTED', '30000000-0000-0000-0000-000000000001',
        'Ingrid Larsen <Ingrid.Larsen@Nordwind.test>', null,
        timestamp with time zone '2026-02-02 10:00:00+00', timestamp with time zone '2026-02-02 10:00:00+00',
        timestamp with time zone '2026-02-09 10:00:00+00', timestamp with time zone '2026-02-02 10:05:00+00', null),
    ('70000000-0000-0000-0000-000000000003', '10000000-0000-0000-0000-000000000002', '30000000-0000-0000-0000-000000000008',
        'sven.dahl@harbour.test', 'USER', 'INVITED', 'PENDING', '30000000-0000-0000-0000-000000000005',
        'Mia Chen <mia.chen@harbour.test>', '88d2339713e28cb7339e447aa7b97898069771e4b2d43a953db5bd2a519ec664',
        current_timestamp, current_timestamp, current_timestamp + interval '7' day, null, null);
