-- Our transcription of ept/hermitage, postgres.md: read committed
-- prevents Aborted Reads (G1a).
-- anomaly: G1a
-- level: rc
-- prevented: yes
begin; set transaction isolation level read committed; -- T1
begin; set transaction isolation level read committed; -- T2
update test set value = 101 where id = 1; -- T1
select * from test; -- T2 [-> 1 => 10, 2 => 20] [anomaly unless 1 => 10, 2 => 20]
abort; -- T1
select * from test; -- T2 [-> 1 => 10, 2 => 20]
commit; -- T2
