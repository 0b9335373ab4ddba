-- Our transcription of ept/hermitage, postgres.md: repeatable read
-- prevents Read Skew (G-single), tested with a write predicate.
-- anomaly: G-single
-- level: rr
-- prevented: yes
begin; set transaction isolation level repeatable read; -- T1
begin; set transaction isolation level repeatable read; -- T2
select * from test where id = 1; -- T1 [-> 1 => 10]
select * from test; -- T2
update test set value = 12 where id = 1; -- T2
update test set value = 18 where id = 2; -- T2
commit; -- T2
delete from test where value = 20; -- T1 [error: could not serialize access due to concurrent update]
abort; -- T1
