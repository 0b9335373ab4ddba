package visuals

import "tutor/internal/visuals/lruviz"

func init() { register(80, lruviz.New()) }
