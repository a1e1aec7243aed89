-- Failed attempts per key (an account and an address together, an account, an address), shared by all
-- gateway instances. A row is a window of counting; blocked_until is when the key may try again.
create table login_throttle (
    key           varchar(200) primary key,
    failures      integer      not null,
    window_start  timestamptz  not null,
    blocked_until timestamptz
);
create index login_throttle_window on login_throttle (window_start);
