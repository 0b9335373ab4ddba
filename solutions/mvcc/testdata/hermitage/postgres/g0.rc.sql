-- Our transcription of ept/hermitage, postgres.md: read committed
-- prevents Write Cycles (G0) by locking updated rows.
-- anomaly: G0
-- level: rc
-- prevented: yes
begin; set transaction isolation level read committed; -- T1
begin; set transaction isolation level read committed; -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 12 where id = 1; -- T2 [blocks]
update test set value = 21 where id = 2; -- T1
commit; -- T1
select * from test; -- T1 [-> 1 => 11, 2 => 21]
update test set value = 22 where id = 2; -- T2
commit; -- T2
select * from test; -- T1 [-> 1 => 12, 2 => 22] [anomaly unless 1 => 12, 2 => 22 | 1 => 11, 2 => 21]
