/** PyTorch's nn.Module attribute names: a module key must not shadow one (ModuleDict refuses them). */
const RESERVED = new Set([
  'training',
  'forward',
  'train',
  'eval',
  'keys',
  'items',
  'values',
  'update',
  'pop',
  'clear',
  'parameters',
  'buffers',
  'children',
  'modules',
  'state_dict',
  'to',
  'cuda',
  'cpu',
  'type',
  'float',
  'double',
  'half',
  'apply',
  'zero_grad',
  'register_buffer',
  'add_module',
  'extra_repr',
]);

/** A layer name → a Python identifier, unique within the model (npz keys and ModuleDict keys). */
export function moduleNamer(): (layerName: string) => string {
  const used = new Set<string>();
  return (layerName) => {
    let base = layerName.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(base)) base = `l_${base}`;
    if (RESERVED.has(base)) base = `${base}_`;
    let name = base;
    for (let i = 2; used.has(name); i++) name = `${base}_${i}`;
    used.add(name);
    return name;
  };
}
