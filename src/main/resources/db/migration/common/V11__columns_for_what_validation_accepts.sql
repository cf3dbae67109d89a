-- Every column holds what validation accepts. A label is "first last <email>": 100 + 1 + 100 + 2
-- + 254 + 1 = 458 characters. A *_key column holds its field in lower case, which can double a
-- character ("İ" becomes "i" and a combining dot), so it is twice as wide as the field.
alter table audit_entry alter column actor_label set data type varchar(500);
alter table invitation alter column invited_by_label set data type varchar(500);
alter table change_request alter column requester_label set data type varchar(500);
alter table change_request alter column target_label set data type varchar(500);
alter table change_request alter column assignee_label set data type varchar(500);
alter table change_request_event alter column actor_label set data type varchar(500);

alter table organization alter column name_key set data type varchar(400);
alter table site alter column name_key set data type varchar(400);
alter table user_account alter column email_key set data type varchar(508);
alter table user_account alter column login_key set data type varchar(508);
alter table membership alter column first_name_key set data type varchar(200);
alter table membership alter column last_name_key set data type varchar(200);
alter table membership alter column email_key set data type varchar(508);
alter table membership alter column login_key set data type varchar(508);
alter table mail_outbox alter column recipient_key set data type varchar(508);
