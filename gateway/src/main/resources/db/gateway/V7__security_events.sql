-- The audit log records security events as well as admin actions: a failed login under a name that matched
-- nobody has no actor id, and admins filter by action and time.
alter table audit_event alter column actor_id drop not null;
-- a refresh token's reuse names the user by id only
alter table audit_event alter column actor_username drop not null;
alter table audit_event alter column action type varchar(40);
create index audit_event_at on audit_event (at);
create index audit_event_action_at on audit_event (action, at);
