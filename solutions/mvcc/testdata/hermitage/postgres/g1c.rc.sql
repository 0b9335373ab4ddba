-- Our transcription of ept/hermitage, postgres.md: read committed
-- prevents Circular Information Flow (G1c).
-- anomaly: G1c
-- level: rc
-- prevented: yes
begin; set transaction isolation level read committed; -- T1
begin; set transaction isolation level read committed; -- T2
update test set value = 11 where id = 1; -- T1
update test set value = 22 where id = 2; -- T2
select * from test where id = 2; -- T1 [-> 2 => 20] [anomaly if 2 => 22]
select * from test where id = 1; -- T2 [-> 1 => 10] [anomaly if 1 => 11]
commit; -- T1
commit; -- T2
